using Azure;
using Azure.Core;

namespace Webook.Core.Storage.Tables;

public interface ITableEntity
{
    string PartitionKey { get; set; }
    string RowKey { get; set; }
    DateTimeOffset? Timestamp { get; set; }
    ETag ETag { get; set; }
}

public enum TableUpdateMode
{
    Merge,
    Replace,
}

public sealed class TableClientOptions : ClientOptions
{
}

public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    Delete,
    UpsertMerge,
    UpsertReplace,
}

public sealed class TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity, ETag ifMatch = default)
{
    public TableTransactionActionType ActionType { get; } = actionType;
    public ITableEntity Entity { get; } = entity;
    public ETag ETag { get; } = ifMatch;
}
