using Crm.Customers;
using Crm.Hooks;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Tests.Hosting;

public sealed class CommitHookTests
{
    [Fact]
    public async Task Hooks_run_in_order_before_and_after_validation()
    {
        var journal = new Journal();
        await using var host = new TestHost(
            services => services.AddSingleton(journal),
            crm => crm.AddCommitHook<SecondHook>().AddCommitHook<FirstHook>());
        var session = host.Session();
        session.Contacts.Create(new ContactDraft { LastName = "Ordered", ContactPoints = [ContactPoint.Email("A@Example.com")] });

        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        Assert.Equal(["first:before:A@Example.com", "second:before", "first:after:a@example.com v1", "second:after"], journal.Lines);
    }

    [Fact]
    public async Task A_pre_operation_hook_enriches_and_a_refusal_writes_nothing()
    {
        await using var host = new TestHost(configureCrm: crm => crm.AddCommitHook<TagAndRefuseHook>());
        var session = host.Session();
        var tagged = session.Contacts.Create(new ContactDraft { LastName = "Tagged" });
        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);
        Assert.Equal(["checked"], tagged.Data.Tags);

        var refused = host.Session();
        var blocked = refused.Contacts.Create(new ContactDraft { LastName = "Blocked" });
        var result = await refused.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Errors);
        Assert.Equal("host.blocked_name", error.Code);
        Assert.Null(await host.Session().Contacts.FindAsync(blocked.Id, TestContext.Current.CancellationToken));
        Assert.Single(await host.Session().ReadChangesAsync(0, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_post_operation_hook_stages_a_record_that_commits_atomically_with_the_change()
    {
        await using var host = new TestHost(configureCrm: crm => crm.AddCommitHook<AccountForEveryContactHook>());
        var session = host.Session();
        var contact = session.Contacts.Create(new ContactDraft { LastName = "Founder" });

        var summary = (await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).Value!;

        Assert.Equal(2, summary.Written.Count);
        var account = Assert.Single(session.Accounts.Tracked);
        Assert.Equal("Founder Ltd", account.Name);
        Assert.Equal(1, account.Version);
        Assert.NotNull(await host.Session().Contacts.FindAsync(contact.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_post_operation_hook_may_not_change_a_record_of_the_commit()
    {
        await using var host = new TestHost(configureCrm: crm => crm.AddCommitHook<LateChangeHook>());
        var session = host.Session();
        var contact = session.Contacts.Create(new ContactDraft { LastName = "Late" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("BeforeValidationAsync", error.Message, StringComparison.Ordinal);
        Assert.Null(await host.Session().Contacts.FindAsync(contact.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_post_operation_hook_may_not_remove_a_record_of_the_commit()
    {
        await using var host = new TestHost(configureCrm: crm => crm.AddCommitHook<LateRemoveHook>());
        var session = host.Session();
        session.Contacts.Create(new ContactDraft { LastName = "Removed late" });

        await Assert.ThrowsAsync<InvalidOperationException>(() => session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(await host.Session().ReadChangesAsync(0, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Hooks_come_from_a_scope_per_commit_and_may_use_scoped_services()
    {
        await using var host = new TestHost(
            services => services.AddScoped<ScopedCounter>(),
            crm => crm.AddCommitHook<ScopedHook>());
        foreach (var name in new[] { "One", "Two" })
        {
            var session = host.Session();
            var contact = session.Contacts.Create(new ContactDraft { LastName = name });
            Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);
            Assert.Equal(["scope-1"], contact.Data.Tags);
        }
    }

    private sealed class ScopedCounter
    {
        public int Uses { get; set; }
    }

    private sealed class ScopedHook(ScopedCounter counter) : ICommitHook
    {
        public ValueTask BeforeValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
        {
            counter.Uses++;
            context.Session.Contacts.Tracked.Single().Tag($"scope-{counter.Uses}");
            return ValueTask.CompletedTask;
        }
    }

    private sealed class LateRemoveHook : ICommitHook
    {
        public ValueTask AfterValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
        {
            context.Session.Contacts.Remove(context.Session.Contacts.Tracked.Single());
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Journal
    {
        public List<string> Lines { get; } = [];
    }

    private sealed class FirstHook(Journal journal) : ICommitHook
    {
        public int Order => -10;

        public ValueTask BeforeValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
        {
            journal.Lines.Add("first:before:" + ((ContactData)context.Changes.Single().Data).ContactPoints.Single().Value);
            return ValueTask.CompletedTask;
        }

        public ValueTask AfterValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
        {
            var data = (ContactData)context.Changes.Single().Data;
            journal.Lines.Add($"first:after:{data.ContactPoints.Single().Value} v{data.Version}");
            return ValueTask.CompletedTask;
        }
    }

    private sealed class SecondHook(Journal journal) : ICommitHook
    {
        public ValueTask BeforeValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
        {
            journal.Lines.Add("second:before");
            return ValueTask.CompletedTask;
        }

        public ValueTask AfterValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
        {
            journal.Lines.Add("second:after");
            return ValueTask.CompletedTask;
        }
    }

    private sealed class TagAndRefuseHook : ICommitHook
    {
        public ValueTask BeforeValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
        {
            foreach (var contact in context.Session.Contacts.Tracked.Where(c => c.IsNew))
            {
                if (contact.Data.LastName == "Blocked")
                {
                    context.Refuse(new CrmError("host.blocked_name", "This name is on the host's block list.", "lastName", contact.Data.Ref));
                }

                contact.Tag("checked");
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class AccountForEveryContactHook : ICommitHook
    {
        public ValueTask AfterValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
        {
            foreach (var change in context.Changes.Where(c => c.Data is ContactData && c.Kind == Storage.WriteKind.Insert))
            {
                context.Session.Accounts.Create(new AccountDraft { Name = ((ContactData)change.Data).LastName + " Ltd" });
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class LateChangeHook : ICommitHook
    {
        public ValueTask AfterValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
        {
            context.Session.Contacts.Tracked.Single().Tag("too-late");
            return ValueTask.CompletedTask;
        }
    }
}
