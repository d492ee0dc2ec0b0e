namespace Webook.Core.Http;

/// <summary>The body of every JSON response: code 0 success, 4 the caller's mistake, 5 our failure.</summary>
public sealed record Envelope(int Code, string Msg, object? Data);
