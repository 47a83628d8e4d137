using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>An EF Core transaction interceptor that, when armed, fails the next commit of a transaction: every statement ran, then the commit fails.</summary>
internal sealed class CommitFault : DbTransactionInterceptor
{
    public bool Armed { get; set; }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Armed)
        {
            Armed = false;
            throw new InjectedFaultException("Injected fault at the transaction's commit.");
        }

        return base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
    }
}
