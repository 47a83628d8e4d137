using Crm.Customers;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Tests.Validation;

/// <summary>A host's validator sees the record as staged and normalised, before the write's version and times.</summary>
public sealed class HostValidatorTests
{
    [Fact]
    public async Task A_rule_for_new_records_sees_version_zero_and_the_normalised_contact_points()
    {
        await using var host = new TestHost(services => services.AddSingleton<IValidator<ContactData>, NewContactsNeedAJobTitle>());
        var token = TestContext.Current.CancellationToken;
        var session = host.Session();
        var contact = session.Contacts.Create(new ContactDraft { LastName = "Meyer", ContactPoints = [ContactPoint.Email("Anna@Example.COM")] });

        var refused = await session.CommitAsync(cancellationToken: token);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("jobTitle", error.Path);
        Assert.Equal("A new contact needs a job title (anna@example.com).", error.Message);

        contact.SetJobTitle("Buyer");
        Assert.True((await session.CommitAsync(cancellationToken: token)).IsSuccess);
        Assert.Equal(1, contact.Version);

        // An update is not a new record: the rule does not apply any more.
        contact.SetJobTitle(null);
        Assert.True((await session.CommitAsync(cancellationToken: token)).IsSuccess);
        Assert.Equal(2, contact.Version);
    }

    private sealed class NewContactsNeedAJobTitle : AbstractValidator<ContactData>
    {
        public NewContactsNeedAJobTitle()
        {
            When(c => c.Version == 0, () => RuleFor(c => c.JobTitle).NotEmpty()
                .WithMessage(c => $"A new contact needs a job title ({c.ContactPoints[0].Value})."));
        }
    }
}
