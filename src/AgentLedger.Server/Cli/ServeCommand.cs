using System.CommandLine;
using AgentLedger.Server.Features.Demo;
using AgentLedger.Server.Hosting;

namespace AgentLedger.Server.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var demo = new Option<bool>("--demo")
        {
            Description = $"Fill the '{DemoOptions.DefaultWorkspaceId}' workspace with 90 days of synthetic activity (once) and print an admin key for it.",
        };
        var command = new Command("serve", "Run the server (the default command).") { demo };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var hostArgs = result.UnmatchedTokens.ToList();
            if (result.GetValue(demo))
            {
                hostArgs.Add($"--{DemoOptions.SectionName}:Enabled=true");
            }

            await using var app = AgentLedgerApp.Build([.. hostArgs]);
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
