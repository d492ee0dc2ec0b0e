namespace Webook.Core.Auth;

public enum TokenKind
{
    Access,
    Refresh,
}
