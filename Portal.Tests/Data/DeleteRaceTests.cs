using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Data;
using Portal.Data.Integrations;

namespace Portal.Tests.Data;

/// <summary>
/// A DELETE that finds its row changed or gone by the time it deletes: an interceptor runs a competing change just
/// before the DELETE statement, in its own transaction (as another request would have committed it just before).
/// </summary>
public sealed class DeleteRaceTests : RaceTest<DeleteRaceTests.CompetingChange>
{
    [Fact]
    public async Task A_conditional_delete_that_loses_the_race_to_a_change_fails_its_precondition_and_deletes_nothing()
    {
        var created = await CreateAsync();
        Competitor.BeforeNextDelete = """UPDATE "integrations" SET "Version" = "Version" + 1""";

        await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            Service.DeleteAsync(Acme, created.CloudId, IfMatch.Parse(created.ETag)));

        Assert.Equal(created.Name, (await Service.GetAsync(Acme, created.CloudId)).Name);
    }

    [Fact]
    public async Task An_unconditional_delete_that_finds_the_integration_already_deleted_is_not_found()
    {
        var created = await CreateAsync();
        Competitor.BeforeNextDelete = """DELETE FROM "integrations" """;

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => Service.DeleteAsync(Acme, created.CloudId));

        Assert.Equal("No integration was found with that id.", missing.Message);
    }

    private Task<IntegrationData> CreateAsync() =>
        Service.CreateAsync(Acme, new IntegrationInput(Field.Of("Doomed"), Field.Of("https://acme.com/doomed"), Field.Absent));

    /// <summary>Runs a statement just before the next DELETE of integrations, on the same connection and transaction.</summary>
    public sealed class CompetingChange : DbCommandInterceptor
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
