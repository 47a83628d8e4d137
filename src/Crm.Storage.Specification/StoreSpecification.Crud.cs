using Crm.Customers;
using Crm.CustomFields;
using NodaTime;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>Every part of a contact survives the store.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Inserted_contact_loads_by_id_with_all_its_parts()
    {
        var account = await InsertAccountAsync("Acme GmbH");
        var inserted = await InsertAsync(new ContactDraft
        {
            FirstName = "Zoë",
            LastName = "Ångström-Łukasz 🚀",
            JobTitle = "CTO",
            AccountId = account.Id,
            OwnerId = new UserId("owner-1"),
            LifecycleStage = LifecycleStage.Customer,
            Classification = "A",
            ContactPoints = [ContactPoint.Email(" Zoe@Example.COM "), ContactPoint.Phone("030 1234567", label: ContactPointLabel.Mobile)],
            Addresses = [new Address { Line1 = "Unter den Linden 1", City = "Berlin", PostalCode = "10117", CountryCode = "de" }],
            Tags = ["vip", "beta", "vip"],
            Consents = [new ChannelConsent(ContactChannel.Email, ConsentStatus.Granted, false, Clock.GetCurrentInstant(), "web form")],
            CustomFields = new Dictionary<string, ScalarValue> { ["tier"] = "gold", ["score"] = 12.50m, ["vip"] = true },
            AlternateKeys = [new AlternateKey("erpNumber", "C-1")],
        });

        var loaded = await LoadAsync(inserted.Id);

        Assert.NotNull(loaded);
        Assert.Equal("Zoë", loaded.FirstName);
        Assert.Equal("Ångström-Łukasz 🚀", loaded.LastName);
        Assert.Equal(account.Id, loaded.AccountId);
        Assert.Equal(new UserId("owner-1"), loaded.OwnerId);
        Assert.Equal(LifecycleStage.Customer, loaded.LifecycleStage);
        Assert.Equal("zoe@example.com", Assert.Single(loaded.ContactPoints, p => p.Kind == ContactPointKind.Email).Value);
        var phone = Assert.Single(loaded.ContactPoints, p => p.Kind == ContactPointKind.Phone);
        Assert.Equal("+49301234567", phone.Value);
        Assert.True(phone.IsPrimary);
        Assert.Equal(ContactPointLabel.Mobile, phone.Label);
        Assert.Equal("DE", Assert.Single(loaded.Addresses).CountryCode);
        Assert.Equal(["beta", "vip"], loaded.Tags);
        Assert.Equal(ConsentStatus.Granted, Assert.Single(loaded.Consents).Status);
        Assert.Equal(ScalarValue.Text("gold"), loaded.CustomFields["tier"]);
        Assert.Equal(ScalarValue.Number(12.5m), loaded.CustomFields["score"]);
        Assert.Equal(ScalarValue.Boolean(true), loaded.CustomFields["vip"]);
        Assert.Equal("C-1", Assert.Single(loaded.AlternateKeys).Value);
        Assert.Equal(inserted.CreatedAt, loaded.CreatedAt);
    }

    /// <summary>Versions are the SDK's: 1 on insert, +1 per update.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Insert_sets_version_1_and_each_update_adds_1()
    {
        var inserted = await InsertAsync(Person("Version"));
        Assert.Equal(1, inserted.Version);

        for (var expected = 2; expected <= 4; expected++)
        {
            var session = Session();
            var contact = (await session.Contacts.FindAsync(inserted.Id, TestContext.Current.CancellationToken))!;
            contact.SetJobTitle($"Title {expected}");
            AssertCommitted(await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));
            Assert.Equal(expected, contact.Version);
            Assert.Equal(expected, (await LoadAsync(inserted.Id))!.Version);
        }
    }

    /// <summary>An update replaces what is stored and stamps the update time.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Update_replaces_the_stored_record()
    {
        var inserted = await InsertAsync(Person("Before"));
        Clock.Advance(Duration.FromMinutes(5));
        AssertCommitted(await ChangeAsync(inserted.Id, contact =>
        {
            contact.Rename("Kit", "After");
            contact.SetCustomField("score", 7m);
            contact.Tag("new");
        }));

        var loaded = (await LoadAsync(inserted.Id))!;
        Assert.Equal("After", loaded.LastName);
        Assert.Equal(ScalarValue.Number(7), loaded.CustomFields["score"]);
        Assert.Equal(["new"], loaded.Tags);
        Assert.Equal(inserted.CreatedAt, loaded.CreatedAt);
        Assert.Equal(inserted.CreatedAt + Duration.FromMinutes(5), loaded.UpdatedAt);
    }

    /// <summary>A delete removes the record; loading it returns nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Delete_removes_the_record()
    {
        var inserted = await InsertAsync(Person("Doomed"));
        AssertCommitted(await DeleteAsync(inserted.Id));

        Assert.Null(await LoadAsync(inserted.Id));
        Assert.Empty(await Store.Records<ContactData>().ScanAsync(ContextOf(TenantA), null, 10, TestContext.Current.CancellationToken));
    }

    /// <summary>Unknown ids load as null.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Find_of_an_unknown_id_returns_null()
    {
        Assert.Null(await LoadAsync(ContactId.FromGuid(Guid.CreateVersion7())));
        Assert.Null(await Store.Records<AccountData>().FindAsync(ContextOf(TenantA), Guid.CreateVersion7(), TestContext.Current.CancellationToken));
    }

    /// <summary>Instants are kept to the microsecond, exactly.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Instants_round_trip_at_microsecond_precision()
    {
        Clock.Reset(Instant.FromUnixTimeTicks(17_745_000_001_234_567));
        var lastSeen = Instant.FromUtc(1969, 12, 31, 23, 59, 59).PlusNanoseconds(999_999_999);
        var inserted = await InsertAsync(Person("Precise") with { CustomFields = new Dictionary<string, ScalarValue> { ["lastSeen"] = lastSeen } });

        var loaded = (await LoadAsync(inserted.Id))!;
        Assert.Equal(Instant.FromUnixTimeTicks(17_745_000_001_234_560), loaded.CreatedAt);
        Assert.Equal(lastSeen.ToMicroseconds(), loaded.CustomFields["lastSeen"].AsInstant());
        Assert.Equal(Instant.FromUtc(1969, 12, 31, 23, 59, 59).PlusNanoseconds(999_999_000), loaded.CustomFields["lastSeen"].AsInstant());
    }

    /// <summary>Custom field values come back with their declared types, numbers with their scale's value.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Custom_fields_round_trip_with_their_types()
    {
        var inserted = await InsertAsync(Person("Typed") with
        {
            CustomFields = new Dictionary<string, ScalarValue>
            {
                ["since"] = "2024-02-29",
                ["lastSeen"] = "2026-03-29T01:30:00Z",
                ["score"] = 79228162514264337593543950335m,
                ["note"] = new string('x', 5000),
                ["vip"] = false,
            },
        });

        var fields = (await LoadAsync(inserted.Id))!.CustomFields;
        Assert.Equal(new LocalDate(2024, 2, 29), fields["since"].AsDate());
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 30), fields["lastSeen"].AsInstant());
        Assert.Equal(decimal.MaxValue, fields["score"].AsNumber());
        Assert.Equal(5000, fields["note"].AsText().Length);
        Assert.False(fields["vip"].AsBoolean());
    }

    /// <summary>Data loaded from the store does not change when a later commit changes the record: stores hand out snapshots, never live objects.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Loaded_record_is_not_changed_by_a_later_commit()
    {
        var inserted = await InsertAsync(Person("Snapshot") with { CustomFields = new Dictionary<string, ScalarValue> { ["tier"] = "bronze" }, Tags = ["one"] });
        var reader = Session();
        var held = (await reader.Contacts.FindAsync(inserted.Id, TestContext.Current.CancellationToken))!;
        var heldData = held.Data;

        AssertCommitted(await ChangeAsync(inserted.Id, contact =>
        {
            contact.SetCustomField("tier", "gold");
            contact.SetCustomField("score", 1m);
            contact.Tag("two");
        }));

        Assert.Equal(ScalarValue.Text("bronze"), heldData.CustomFields["tier"]);
        Assert.False(heldData.CustomFields.ContainsKey("score"));
        Assert.Equal(["one"], heldData.Tags);
        Assert.Equal(1, heldData.Version);
    }

    /// <summary>Changing a loaded aggregate without committing changes nothing stored.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Changing_a_loaded_aggregate_without_commit_changes_nothing_stored()
    {
        var inserted = await InsertAsync(Person("Untouched") with { CustomFields = new Dictionary<string, ScalarValue> { ["tier"] = "bronze" } });
        var session = Session();
        var contact = (await session.Contacts.FindAsync(inserted.Id, TestContext.Current.CancellationToken))!;
        contact.Rename("Changed", "Changed");
        contact.SetCustomField("tier", "gold");
        contact.AddContactPoint(ContactPoint.Email("changed@example.com"));

        var stored = (await LoadAsync(inserted.Id))!;
        Assert.Equal("Untouched", stored.LastName);
        Assert.Equal(ScalarValue.Text("bronze"), stored.CustomFields["tier"]);
        Assert.Empty(stored.ContactPoints);
    }

    /// <summary>An ordered scan visits every record once, in id order, in batches.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Scan_returns_every_record_once_in_id_order()
    {
        var session = Session();
        for (var i = 0; i < 25; i++)
        {
            session.Contacts.Create(Person($"Scan {i}"));
        }

        AssertCommitted(await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));
        var seen = new List<Guid>();
        Guid? after = null;
        while (true)
        {
            var batch = await Store.Records<ContactData>().ScanAsync(ContextOf(TenantA), after, 7, TestContext.Current.CancellationToken);
            seen.AddRange(batch.Select(b => b.Key));
            if (batch.Count < 7)
            {
                break;
            }

            after = batch[^1].Key;
        }

        Assert.Equal(25, seen.Count);
        Assert.Equal(seen.Order().ToList(), seen);
        Assert.Equal(25, seen.Distinct().Count());
    }
}
