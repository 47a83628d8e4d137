using Crm.Storage.Querying;
using Crm.Validation;
using CsCheck;

namespace Crm.Core.Tests.Validation;

/// <summary>User text never crashes the parsers: every input gets an answer.</summary>
public sealed class InputFuzzTests
{
    [Fact]
    public void Email_check_answers_any_text()
    {
        Gen.String.Sample(s => { _ = EmailAddressRules.IsValid(s); }, iter: 20_000);
        Gen.String[Gen.Char["a@.-_+é😀\0 "], 0, 40].Sample(s => { _ = EmailAddressRules.IsValid(s); }, iter: 20_000);
    }

    [Fact]
    public void Well_formed_addresses_are_accepted()
    {
        var label = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 20];
        Gen.Select(label, label, Gen.Int[0, 3].Select(i => new[] { "com", "de", "museum", "xn--p1ai" }[i]))
            .Sample((local, domain, tld) => EmailAddressRules.IsValid($"{local}@{domain}.{tld}"), iter: 5_000);
    }

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("@example.com")]
    [InlineData("a@")]
    [InlineData("a@b")]
    [InlineData("a..b@example.com")]
    [InlineData(".a@example.com")]
    [InlineData("a@-example.com")]
    [InlineData("a b@example.com")]
    [InlineData("a@example.c")]
    public void Malformed_addresses_are_refused(string address) => Assert.False(EmailAddressRules.IsValid(address));

    [Fact]
    public void Phone_normalisation_answers_any_text()
    {
        Gen.String[Gen.Char["0123456789+()- xX#*.ext"], 0, 30].Sample(s => { _ = PhoneNumberRules.TryNormalize(s, "DE", out _); }, iter: 10_000);
        Gen.String.Sample(s => { _ = PhoneNumberRules.TryNormalize(s, "US", out _); }, iter: 5_000);
    }

    [Fact]
    public void Mutated_cursor_json_is_either_a_position_or_refused()
    {
        IReadOnlyList<SortKey> sort = [SortKey.Ascending("lastName"), SortKey.Descending("createdAt")];
        var token = Gen.OneOf(
            Gen.Const("null"), Gen.Const("[]"), Gen.Const("[0]"), Gen.Const("[0,\"x\"]"), Gen.Const("[1,12.5]"), Gen.Const("[3,1]"), Gen.Const("[4,9223372036854775807]"),
            Gen.Const("[3,-99999999]"), Gen.Const("[9,1]"), Gen.Const("[0,1,2]"), Gen.Const("\"x\""), Gen.Const("{}"), Gen.Const("[2,true]"), Gen.Int.Select(i => $"[{i % 6},{i}]"));
        var signature = Gen.OneOf(Gen.Const("lastName:asc,createdAt:desc"), Gen.Const("lastName:asc"), Gen.Const(""));
        Gen.Select(signature, token.Array[0, 4], Gen.Bool).Sample((s, values, withId) =>
        {
            var json = $"{{\"s\":\"{s}\",\"v\":[{string.Join(',', values)}]{(withId ? ",\"id\":\"0193f2a1-7c3b-7d4e-8f00-0000000000c1\"" : string.Empty)}}}";
            var cursor = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json));
            _ = CursorCodec.TryDecode(cursor, sort);
        }, iter: 20_000);
    }

    [Fact]
    public void Any_cursor_text_is_either_a_position_or_refused()
    {
        IReadOnlyList<SortKey> sort = [SortKey.Ascending("lastName")];
        Gen.String.Sample(s => { _ = CursorCodec.TryDecode(s, sort); }, iter: 20_000);
        Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"], 0, 200].Sample(s => { _ = CursorCodec.TryDecode(s, sort); }, iter: 20_000);
    }
}
