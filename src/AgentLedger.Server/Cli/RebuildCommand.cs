using System.CommandLine;
using AgentLedger.Server.Storage;
using AgentLedger.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Cli;

/// <summary>
/// <c>agentledger rebuild</c>: rewrites a SQLite store created with 4 KiB pages with the current 16 KiB pages
/// (<see cref="SqliteStoreRebuild"/>), offline. Exit code 0 when rebuilt or already current, 1 when it cannot run
/// (server running, not enough disk, not SQLite).
/// </summary>
internal static class RebuildCommand
{
    public static Command Create()
    {
        var command = new Command(
            "rebuild",
            "SQLite: rewrite a store created with 4 KiB pages with 16 KiB pages (VACUUM), keeping every record and hash. Stop the server first; needs free disk of about twice the store.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = AgentLedgerCommandLine.BuildToolHost(result.UnmatchedTokens);
            if (host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider != StorageProvider.Sqlite)
            {
                await Console.Error.WriteLineAsync("rebuild applies to SQLite stores only; PostgreSQL has no page size to change.").ConfigureAwait(false);
                return 1;
            }

            var path = host.Services.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.Path;
            try
            {
                await Console.Out.WriteLineAsync($"Rebuilding {Path.GetFullPath(path)} …").ConfigureAwait(false);
                var outcome = await SqliteStoreRebuild.RunAsync(path, null, cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync(outcome.Rebuilt
                    ? FormattableString.Invariant($"Rebuilt: pages of {outcome.PageSizeBefore:N0} → {outcome.PageSizeAfter:N0} bytes, {outcome.BytesBefore / 1048576.0:N0} → {outcome.BytesAfter / 1048576.0:N0} MiB. Run `agentledger verify` to check the hash chain.")
                    : FormattableString.Invariant($"Nothing to do: the store already has {outcome.PageSizeAfter:N0}-byte pages.")).ConfigureAwait(false);
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
