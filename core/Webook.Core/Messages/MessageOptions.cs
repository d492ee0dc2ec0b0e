using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Messages;

public sealed class MessageOptions
{
    public const string Section = "Messages";

    /// <summary>Messages one user may send per <see cref="FloodWindow"/>, to everyone together.</summary>
    [Range(1, 1_000_000)]
    public int FloodLimit { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FloodWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages one poll of a chat answers at most; the client polls again from the last one's time.</summary>
    [Range(1, 1000)]
    public int ChatPage { get; set; } = 100;

    /// <summary>Unread messages counted per conversation at most (shown as that number when there are more).</summary>
    [Range(1, 1000)]
    public int UnreadCap { get; set; } = 99;

    /// <summary>Tries of a conversation update that lost a race to another instance (ETag conflicts).</summary>
    [Range(1, 100)]
    public int WriteAttempts { get; set; } = 10;
}
