using System.CommandLine;
using AgentLedger.Server.Storage;

namespace AgentLedger.Server.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations and exit.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = AgentLedgerCommandLine.BuildToolHost(result.UnmatchedTokens);
            var migrator = host.Services.GetRequiredService<IStorageMigrator>();
            var applied = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"{migrator.Describe()}: {applied} migration(s) applied; schema is current.").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
