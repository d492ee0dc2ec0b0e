using Azure;

namespace Webook.Core.Storage.Tables;

/// <summary>409 on insert: an entity with these keys exists.</summary>
public sealed class EntityAlreadyExistsException(string message, string? errorCode)
    : RequestFailedException(409, message, errorCode, null);

/// <summary>404: no such entity (or table).</summary>
public sealed class EntityNotFoundException(string message, string? errorCode)
    : RequestFailedException(404, message, errorCode, null);

/// <summary>412: the entity changed since it was read (its ETag no longer matches).</summary>
public sealed class EntityChangedException(string message, string? errorCode)
    : RequestFailedException(412, message, errorCode, null);

/// <summary>An entity group transaction failed as a whole; nothing of it was written.</summary>
public sealed class TableTransactionFailedException(int status, string message, string? errorCode, int? failedIndex)
    : RequestFailedException(status, message, errorCode, null)
{
    public int? FailedTransactionActionIndex { get; } = failedIndex;
}

internal static class TableErrors
{
    public static RequestFailedException From(Response response)
    {
        var (code, message) = StorageRequestFailure.Describe(response);
        return response.Status switch
        {
            404 => new EntityNotFoundException(message, code),
            409 => new EntityAlreadyExistsException(message, code),
            412 => new EntityChangedException(message, code),
            _ => new RequestFailedException(response.Status, message, code, null),
        };
    }
}
