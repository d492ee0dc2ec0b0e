using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Webook.Core.Accounts;
using Webook.Core.Common;
using Webook.Core.Sms;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Accounts.Storage;

/// <summary>
/// Users in two tables. The user row is written first and its index row (email or phone) after it, so an
/// index row always points at an existing user; a crash in between leaves only an unreachable user row.
/// </summary>
public sealed class TableUserStore(WebookTables tables, IdGenerator ids, ILogger<TableUserStore> logger) : IUserStore
{
    // Ids collide only when two instances draw the same 11 random bits in one millisecond.
    private const int IdAttempts = 5;

    public async Task<User?> TryInsertAsync(User user, CancellationToken ct)
    {
        var users = await tables.GetAsync(WebookTables.Users, ct);
        var index = await tables.GetAsync(WebookTables.UserIndex, ct);
        var stored = await InsertUserRowAsync(users, user, ct);
        try
        {
            await index.AddEntityAsync(new UserIndexEntity { PartitionKey = IndexKey(stored), RowKey = IndexKey(stored), UserId = stored.Id }, ct);
            return stored;
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            await RemoveUnreachableRowAsync(users, stored.Id);
            return null;
        }
    }

    public async Task<User?> FindByEmailAsync(string email, CancellationToken ct) =>
        await FindByIndexAsync(EmailKey(email), ct);

    public async Task<User?> FindByPhoneAsync(string phone, CancellationToken ct) =>
        await FindByIndexAsync(PhoneKey(phone), ct);

    public async Task<User?> FindByWeChatAsync(string openId, string? unionId, CancellationToken ct) =>
        await FindByIndexAsync(WeChatKey(openId, unionId), ct);

    public async Task<User?> FindByIdAsync(long id, CancellationToken ct)
    {
        var users = await tables.GetAsync(WebookTables.Users, ct);
        var row = await users.GetEntityIfExistsAsync<UserEntity>(UserKey(id), UserKey(id), cancellationToken: ct);
        return row.HasValue ? ToUser(row.Value!) : null;
    }

    public async Task<bool> UpdateProfileAsync(long id, ProfileEdit edit, DateTimeOffset at, CancellationToken ct)
    {
        var users = await tables.GetAsync(WebookTables.Users, ct);
        var changes = new TableEntity(UserKey(id), UserKey(id))
        {
            [nameof(UserEntity.Nickname)] = edit.Nickname,
            [nameof(UserEntity.Birthday)] = FormatBirthday(edit.Birthday),
            [nameof(UserEntity.AboutMe)] = edit.AboutMe,
            [nameof(UserEntity.UpdatedAt)] = at,
        };
        try
        {
            await users.UpdateEntityAsync(changes, ETag.All, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return false;
        }
    }

    private Task<User> InsertUserRowAsync(TableClient users, User user, CancellationToken ct) =>
        TableRetry.RetryLostRacesAsync(IdAttempts, async () =>
        {
            var stored = user with { Id = ids.Next() };
            await users.AddEntityAsync(ToEntity(stored), ct);
            return stored;
        }, lost: e => e.Status == StatusCodes.Status409Conflict);

    private async Task<User?> FindByIndexAsync(string key, CancellationToken ct)
    {
        var index = await tables.GetAsync(WebookTables.UserIndex, ct);
        var row = await index.GetEntityIfExistsAsync<UserIndexEntity>(key, key, cancellationToken: ct);
        return row.HasValue ? await FindByIdAsync(row.Value!.UserId, ct) : null;
    }

    private async Task RemoveUnreachableRowAsync(TableClient users, long userId)
    {
        try
        {
            await users.DeleteEntityAsync(UserKey(userId), UserKey(userId), default, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not remove the row of refused signup {UserId}; no index points at it", userId);
        }
    }

    /// <summary>A user is created with exactly one identity: an email (signup), a phone (SMS login) or WeChat (QR login).</summary>
    private static string IndexKey(User user) =>
        user.Email is not null ? EmailKey(user.Email)
        : user.Phone is not null ? PhoneKey(user.Phone)
        : user.WeChatOpenId is not null ? WeChatKey(user.WeChatOpenId, user.WeChatUnionId)
        : throw new ArgumentException("A new user needs an email, a phone or a WeChat identity.", nameof(user));

    // Keys are built only from text the field rules accept: no / \ # ? or control characters can reach them.
    internal static string EmailKey(string email) =>
        AccountFieldRules.CheckEmail(email) is null
            ? "email:" + AccountFieldRules.NormalizeEmail(email)
            : throw new ArgumentException("Not a valid email address.", nameof(email));

    internal static string PhoneKey(string phone) =>
        PhoneNumbers.Normalize(phone) == phone
            ? "phone:" + phone
            : throw new ArgumentException("Not a normalized phone number.", nameof(phone));
    internal static string WeChatKey(string openId, string? unionId) =>
        unionId is not null ? "wechat-union:" + WeChatId(unionId) : "wechat-open:" + WeChatId(openId);

    // WeChat's ids are short URL-safe strings; anything else (a key character, a control character) never becomes a key.
    private static string WeChatId(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? id
            : throw new ArgumentException("Not a WeChat id.", nameof(id));

    private static string UserKey(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string FormatBirthday(DateOnly? birthday) =>
        birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static UserEntity ToEntity(User user) => new()
    {
        PartitionKey = UserKey(user.Id),
        RowKey = UserKey(user.Id),
        Email = user.Email,
        Phone = user.Phone,
        PasswordHash = user.PasswordHash,
        WeChatOpenId = user.WeChatOpenId,
        WeChatUnionId = user.WeChatUnionId,
        Nickname = user.Nickname,
        Birthday = FormatBirthday(user.Birthday),
        AboutMe = user.AboutMe,
        CreatedAt = user.CreatedAt,
        UpdatedAt = user.UpdatedAt,
    };

    private static User ToUser(UserEntity row) => new()
    {
        Id = long.Parse(row.PartitionKey, CultureInfo.InvariantCulture),
        Email = row.Email,
        Phone = row.Phone,
        PasswordHash = row.PasswordHash,
        WeChatOpenId = row.WeChatOpenId,
        WeChatUnionId = row.WeChatUnionId,
        Nickname = row.Nickname,
        Birthday = string.IsNullOrEmpty(row.Birthday)
            ? null
            : DateOnly.ParseExact(row.Birthday, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        AboutMe = row.AboutMe,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
    };
}
