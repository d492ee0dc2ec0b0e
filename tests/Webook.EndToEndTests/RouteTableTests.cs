using Webook.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Http;

namespace Webook.EndToEndTests;

public sealed class RouteTableTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public void Webook_server_maps_every_route_of_the_shared_table_under_its_function_name()
    {
        // Named endpoints are the API's; /metrics (Prometheus, Development only) is not on the shared table.
        var endpoints = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, e => e.RoutePattern.RawText);
        var routes = RouteConstants.All().ToList();
        Assert.Equal(ApiRoutes.All.Count, routes.Count);

        foreach (var (field, template, name) in routes)
        {
            Assert.True(endpoints.TryGetValue(name, out var pattern), $"{field} is not mapped");
            Assert.Equal("/" + template, pattern);
        }
    }
}
