using Microsoft.AspNetCore.Http;
using Webook.Core.Http;

namespace Webook.Core.Rewards;

/// <summary>GET /users/wallet: the caller's balance in fen and their ledger entries, newest first.</summary>
public sealed class WalletHandlers(ILedger ledger)
{
    public async Task<IResult> WalletAsync(RouteCall<NoBody> call)
    {
        if (QueryNumbers.ReadPage(call.Request, out var offset, out var limit) is { } problem) return ApiResults.Refused(problem);
        var wallet = await ledger.WalletAsync(LedgerAccount.User(call.User.UserId), offset, limit, call.Ct);
        return ApiResults.Ok(new WalletView(wallet.Balance,
            [.. wallet.Entries.Select(e => new WalletEntryView(e.Id, e.Biz, e.BizId, e.Amount, e.Ctime.ToUnixTimeMilliseconds()))]));
    }
}
