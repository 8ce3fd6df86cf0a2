using Portal.Data;
using Portal.Data.Integrations;

namespace Portal.Tests.Data;

/// <summary>The If-Match header as the API hands it to the service: absent, a list, or stale (issue 13's mutants).</summary>
public sealed class IfMatchHeaderTests : ServiceTest
{
    [Fact]
    public async Task No_If_Match_header_is_no_condition_even_after_another_change()
    {
        var created = await CreateAsync(Acme, "Unconditional");
        await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/elsewhere")));

        var updated = await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/mine")), IfMatch.Parse(null));

        Assert.Equal("https://acme.com/mine", updated.Url);
    }

    [Fact]
    public async Task A_list_with_empty_entries_and_spaces_matches_its_current_tag()
    {
        var created = await CreateAsync(Acme, "Spaced");

        await Service.DeleteAsync(Acme, created.CloudId, IfMatch.Parse($" ,\"stale\" ,  , {created.ETag} ,"));

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(Acme, created.CloudId));
    }

    [Fact]
    public async Task A_list_of_stale_tags_changes_nothing()
    {
        var created = await CreateAsync(Acme, "Stale");
        var changed = await Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/changed")));

        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            Service.UpdateAsync(Acme, created.CloudId, Patch(url: Field.Of("https://acme.com/mine")), IfMatch.Parse($"\"x\", {created.ETag}")));

        Assert.Equal(changed.Url, (await Service.GetAsync(Acme, created.CloudId)).Url);
    }
}
