namespace Webook.Core.Accounts;

public sealed class SendSmsCodeRequest
{
    public string? Phone { get; set; }
}

public sealed class SmsLoginRequest
{
    public string? Phone { get; set; }
    public string? Code { get; set; }
}
