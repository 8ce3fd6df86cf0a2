using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Tests.Api;

/// <summary>
/// Makes every query of the integrations table fail with <paramref name="message"/>, however the endpoint is served
/// (an MVC action or a lean read): an unexpected failure deep in a request, as a broken database would cause.
/// </summary>
internal sealed class FailingReads(string message) : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Reads(command) ? throw new InvalidOperationException(message) : result;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        Reads(command) ? throw new InvalidOperationException(message) : ValueTask.FromResult(result);

    // SQLite's SQL quotes the table's name, PostgreSQL's does not (a lower-case name needs no quotes there).
    private static bool Reads(DbCommand command) =>
        command.CommandText.Contains("FROM \"integrations\"", StringComparison.OrdinalIgnoreCase)
        || command.CommandText.Contains("FROM integrations ", StringComparison.OrdinalIgnoreCase);
}
