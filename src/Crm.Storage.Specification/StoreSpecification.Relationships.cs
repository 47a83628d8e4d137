using Crm.Customers;
using Crm.Storage.Querying;
using NodaTime;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>
    /// A contact holds roles at several accounts with one primary; queries by <c>accountIds</c>
    /// find it through any link; unlinking the primary promotes the next; a linked account cannot
    /// be deleted until the link is gone; a link to a missing account is refused with its path.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Contacts_hold_roles_at_accounts_with_one_primary()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var employer = await InsertAccountAsync("Employer");
        var client = await InsertAccountAsync("Client");
        var person = await InsertAsync(Person("Roles"));
        AssertCommitted(await ChangeAsync(person.Id, c =>
        {
            c.LinkAccount(employer.Id, [ContactRoles.DecisionMaker, " billing "], new LocalDate(2020, 1, 1));
            c.LinkAccount(client.Id, [ContactRoles.Technical]);
        }));

        var stored = (await LoadAsync(person.Id))!;
        Assert.Equal(employer.Id, stored.AccountId);
        Assert.Equal(["billing", "decisionMaker"], stored.AccountRoles.Single(r => r.AccountId == employer.Id).Roles);
        var byClient = await Session().Contacts.QueryAsync(new RecordQuery { Filter = Filter.Equal("accountIds", client.Id.ToString()) }, cancellation);
        Assert.Equal([person.Id], byClient.Value!.Items.Select(c => c.Id));

        var refuse = Session();
        refuse.Accounts.Remove((await refuse.Accounts.FindAsync(client.Id, cancellation))!);
        Assert.Equal(CrmErrorCodes.DeleteRefused, Assert.Single((await refuse.CommitAsync(cancellationToken: cancellation)).Errors).Code);

        AssertCommitted(await ChangeAsync(person.Id, c => Assert.True(c.UnlinkAccount(employer.Id))));
        Assert.Equal(client.Id, (await LoadAsync(person.Id))!.AccountId);

        var ghost = await ChangeAsync(person.Id, c => c.LinkAccount(AccountId.FromGuid(Guid.CreateVersion7()), [ContactRoles.User]));
        Assert.Equal((CrmErrorCodes.ReferenceNotFound, "accountRoles[1].accountId"), (Assert.Single(ghost.Errors).Code, ghost.Errors[0].Path));

        var delete = Session();
        delete.Accounts.Remove((await delete.Accounts.FindAsync(employer.Id, cancellation))!);
        AssertCommitted(await delete.CommitAsync(cancellationToken: cancellation));
    }

    /// <summary>Accounts relate to other accounts by kind; the related account must exist, cannot be the account itself, and cannot be deleted while related.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Accounts_relate_to_other_accounts()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var buyer = await InsertAccountAsync("Buyer");
        var supplier = await InsertAccountAsync("Supplier");
        var session = Session();
        var account = (await session.Accounts.FindAsync(buyer.Id, cancellation))!;
        account.Relate(supplier.Id, AccountRelationshipKinds.Supplier, new LocalDate(2024, 1, 1));
        account.Relate(supplier.Id, AccountRelationshipKinds.Partner);
        account.Relate(buyer.Id, AccountRelationshipKinds.Partner);
        var self = await session.CommitAsync(cancellationToken: cancellation);
        Assert.Equal((CrmErrorCodes.InvalidValue, "relationships[2].relatedAccountId"), (Assert.Single(self.Errors).Code, self.Errors[0].Path));

        Assert.True(account.Unrelate(buyer.Id));
        AssertCommitted(await session.CommitAsync(cancellationToken: cancellation));
        var related = await Session().Accounts.QueryAsync(new RecordQuery { Filter = Filter.Equal("relatedAccountIds", supplier.Id.ToString()) }, cancellation);
        Assert.Equal([buyer.Id], related.Value!.Items.Select(a => a.Id));

        var delete = Session();
        delete.Accounts.Remove((await delete.Accounts.FindAsync(supplier.Id, cancellation))!);
        var refused = Assert.Single((await delete.CommitAsync(cancellationToken: cancellation)).Errors);
        Assert.Contains("relationship", refused.Message, StringComparison.Ordinal);
    }
}
