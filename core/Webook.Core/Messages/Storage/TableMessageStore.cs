using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Messages.Storage;

/// <summary>
/// A message is one row in its pair's partition, inserted under a fresh id (a clash draws again); its time is the
/// id's, so "after a time" is a range of RowKeys. Then both users' conversation rows are moved to it, each conditional
/// on the row read and only forward (a message sent at the same moment that got there first keeps its place).
/// Unread messages are counted from the pair's partition (the other's messages after the reader's ReadUpTo), so they
/// are exact whatever a conversation row lags.
/// </summary>
public sealed class TableMessageStore(WebookTables tables, IdGenerator ids, IOptions<MessageOptions> options) : IMessageStore
{
    public async Task<Message> SendAsync(long from, long to, string content, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var chat = MessageRows.Chat(from, to);
        while (true)
        {
            var id = ids.Next();
            var row = new MessageEntity
            {
                PartitionKey = chat, RowKey = MessageRows.Message(chat, id), Id = id, From = from, To = to, Content = content, Ctime = IdGenerator.UnixMsOf(id),
            };
            try
            {
                await table.AddEntityAsync(row, ct);
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
            {
                continue; // the same id drawn twice in one millisecond
            }
            var message = ToMessage(row);
            await Task.WhenAll(MoveConversationAsync(table, from, to, message, ct), MoveConversationAsync(table, to, from, message, ct));
            return message;
        }
    }

    public async Task<IReadOnlyList<Message>> ChatAsync(long reader, long with, long afterMs, int limit, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var chat = MessageRows.Chat(reader, with);
        var start = MessageRows.Message(chat, IdGenerator.FirstAt(afterMs + 1));
        var page = new List<Message>(limit);
        await foreach (var row in table.QueryAsync<MessageEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {chat} and RowKey ge {start} and RowKey lt {MessageRows.End(MessageRows.MessagePrefix(chat))}"),
                           maxPerPage: limit, cancellationToken: ct))
        {
            page.Add(ToMessage(row));
            if (page.Count == limit) break;
        }
        if (page.LastOrDefault(m => m.From == with) is { } newest) await MarkReadAsync(table, reader, with, newest.Id, ct);
        return page;
    }

    public async Task<IReadOnlyList<Conversation>> ConversationsAsync(long userId, int unreadCap, CancellationToken ct)
    {
        var table = await TableAsync(ct);
        var inbox = MessageRows.Inbox(userId);
        var prefix = MessageRows.ConversationPrefix(inbox);
        var rows = new List<ConversationEntity>();
        await foreach (var row in table.QueryAsync<ConversationEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {inbox} and RowKey ge {prefix} and RowKey lt {MessageRows.End(prefix)}"), cancellationToken: ct))
            rows.Add(row);
        var unread = new int[rows.Count];
        await Parallel.ForAsync(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (i, token) => unread[i] = await UnreadAsync(table, userId, rows[i], unreadCap, token));
        return rows.Select((row, i) => new Conversation(row.With, new Message(row.LastId, row.LastFrom, row.LastFrom == userId ? row.With : userId,
                row.LastContent, row.LastCtime), unread[i]))
            .OrderByDescending(c => c.Last.Id).ToList();
    }

    private static async Task<int> UnreadAsync(TableClient table, long userId, ConversationEntity conversation, int cap, CancellationToken ct)
    {
        var chat = MessageRows.Chat(userId, conversation.With);
        var after = MessageRows.Message(chat, conversation.ReadUpTo);
        var count = 0;
        await foreach (var _ in table.QueryAsync<MessageEntity>(
                           TableClient.CreateQueryFilter(
                               $"PartitionKey eq {chat} and RowKey gt {after} and RowKey lt {MessageRows.End(MessageRows.MessagePrefix(chat))} and From eq {conversation.With}"),
                           maxPerPage: cap, select: [nameof(MessageEntity.Id)], cancellationToken: ct))
            if (++count == cap) break;
        return count;
    }

    // The owner's row of the conversation moved to the message, unless it already shows a later one.
    private Task MoveConversationAsync(TableClient table, long owner, long other, Message message, CancellationToken ct)
    {
        var inbox = MessageRows.Inbox(owner);
        return RetryAsync(async () =>
        {
            var current = await ReadAsync(table, inbox, other, ct);
            if (current?.LastId >= message.Id) return true;
            var last = new TableEntity(inbox, MessageRows.Conversation(inbox, other))
            {
                [nameof(ConversationEntity.With)] = other, [nameof(ConversationEntity.LastId)] = message.Id, [nameof(ConversationEntity.LastFrom)] = message.From,
                [nameof(ConversationEntity.LastContent)] = message.Content, [nameof(ConversationEntity.LastCtime)] = message.Ctime,
            };
            if (current is null) await table.AddEntityAsync(last, ct);
            else await table.UpdateEntityAsync(last, current.ETag, TableUpdateMode.Merge, ct);
            return true;
        });
    }

    private Task MarkReadAsync(TableClient table, long reader, long with, long upTo, CancellationToken ct)
    {
        var inbox = MessageRows.Inbox(reader);
        return RetryAsync(async () =>
        {
            // No row yet: the send that wrote the message has not moved it; its message is read all the same next time.
            if (await ReadAsync(table, inbox, with, ct) is not { } current || current.ReadUpTo >= upTo) return true;
            await table.UpdateEntityAsync(new TableEntity(inbox, current.RowKey) { [nameof(ConversationEntity.ReadUpTo)] = upTo },
                current.ETag, TableUpdateMode.Merge, ct);
            return true;
        });
    }

    private Task<bool> RetryAsync(Func<Task<bool>> attempt) => TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, attempt);

    private static async Task<ConversationEntity?> ReadAsync(TableClient table, string inbox, long other, CancellationToken ct)
    {
        var found = await table.GetEntityIfExistsAsync<ConversationEntity>(inbox, MessageRows.Conversation(inbox, other), cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }

    private Task<TableClient> TableAsync(CancellationToken ct) => tables.GetAsync(WebookTables.Messages, ct);

    private static Message ToMessage(MessageEntity row) => new(row.Id, row.From, row.To, row.Content, row.Ctime);
}
