using System.Text.Json;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Steps of the article flow.</summary>
public static class Articles
{
    public static async Task<long> EditAsync(HttpClient client, LoggedInUser user, string title, string content, long id = 0)
    {
        var response = await client.PostApiAsync("/articles/edit", new { id, title, content }, user.AccessToken);
        Assert.Equal(0, response.Code);
        return response.Data.GetInt64();
    }

    public static async Task<long> PublishAsync(HttpClient client, LoggedInUser user, string title, string content, long id = 0)
    {
        var response = await client.PostApiAsync("/articles/publish", new { id, title, content }, user.AccessToken);
        Assert.Equal(0, response.Code);
        return response.Data.GetInt64();
    }

    public static Task<ApiResponse> DetailAsync(HttpClient client, LoggedInUser user, long id) =>
        client.GetApiAsync($"/articles/detail/{id}", user.AccessToken);

    public static Task<ApiResponse> ReadAsync(HttpClient client, long id, string? bearer = null) =>
        client.GetApiAsync($"/articles/pub/{id}", bearer);

    public static async Task<List<JsonElement>> ListAsync(HttpClient client, LoggedInUser user, int offset, int limit)
    {
        var response = await client.PostApiAsync("/articles/list", new { offset, limit }, user.AccessToken);
        Assert.Equal(0, response.Code);
        return response.Data.EnumerateArray().ToList();
    }
}
