using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Data.Integrations;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

/// <summary>
/// A DELETE that finds its row changed or gone by the time it deletes: an interceptor runs a competing change just
/// before the DELETE statement, in its own transaction (as another request would have committed it just before).
/// </summary>
public sealed class DeleteRaceTests : IAsyncLifetime
{
    private static readonly Actor Acme = Actor.Integrator("acme");
    private readonly CompetingChange _competitor = new();
    private TestDatabase _db = null!;

    private IntegrationService Service => _db.Get<IntegrationService>();

    public async Task InitializeAsync() =>
        _db = await TestDatabase.CreateAsync(services => services.AddSingleton<IInterceptor>(_competitor));

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_conditional_delete_that_loses_the_race_to_a_change_fails_its_precondition_and_deletes_nothing()
    {
        var created = await CreateAsync();
        _competitor.BeforeNextDelete = """UPDATE "integrations" SET "Version" = "Version" + 1""";

        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            Service.DeleteAsync(Acme, created.CloudId, IfMatch.Parse(created.ETag)));

        Assert.Equal(created.Name, (await Service.GetAsync(Acme, created.CloudId)).Name);
    }

    [Fact]
    public async Task An_unconditional_delete_that_finds_the_integration_already_deleted_is_not_found()
    {
        var created = await CreateAsync();
        _competitor.BeforeNextDelete = """DELETE FROM "integrations" """;

        await Assert.ThrowsAsync<NotFoundException>(() => Service.DeleteAsync(Acme, created.CloudId));
    }

    private Task<IntegrationData> CreateAsync() =>
        Service.CreateAsync(Acme, new IntegrationInput(Field.Of("Doomed"), Field.Of("https://acme.com/doomed"), Field.Absent));

    /// <summary>Runs a statement just before the next DELETE of integrations, on the same connection and transaction.</summary>
    private sealed class CompetingChange : DbCommandInterceptor
    {
        public string? BeforeNextDelete { get; set; }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var sql = BeforeNextDelete;
            if (sql is not null && IsDeleteOfIntegrations(command.CommandText))
            {
                BeforeNextDelete = null;
                await using var competing = command.Connection!.CreateCommand();
                competing.Transaction = command.Transaction;
                competing.CommandText = sql;
                await competing.ExecuteNonQueryAsync(cancellationToken);
            }

            return result;
        }

        // SQLite's SQL quotes every identifier, PostgreSQL's only those that need it.
        private static bool IsDeleteOfIntegrations(string sql) =>
            sql.Replace("\"", "", StringComparison.Ordinal).StartsWith("DELETE FROM integrations ", StringComparison.Ordinal);
    }
}
