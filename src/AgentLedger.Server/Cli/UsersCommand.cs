using System.CommandLine;
using AgentLedger.Core.Accounts;
using AgentLedger.Server.Features.Dashboard.Accounts;
using AgentLedger.Server.Storage;

namespace AgentLedger.Server.Cli;

/// <summary>
/// <c>agentledger users create</c>: creates a dashboard account, the first admin included. The password is read from
/// a file (<c>--password-file</c>) or standard input, never from the command line, where other users could see it.
/// </summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "Manage dashboard accounts.");
        users.Subcommands.Add(CreateCommand());
        return users;
    }

    private static Command CreateCommand()
    {
        var email = new Option<string>("--email", "-e") { Description = "The account's e-mail (its sign-in name).", Required = true };
        var role = new Option<string>("--role", "-r") { Description = $"One of: {string.Join(", ", DashboardRoles.AllNames)}.", Required = true };
        var workspace = new Option<string>("--workspace", "-w") { Description = "The workspace the account sees (created if new).", Required = true };
        var passwordFile = new Option<FileInfo?>("--password-file")
        {
            Description = "A file whose first line is the password; without it, the first line of standard input.",
        };
        var command = new Command("create", "Create a dashboard account.") { email, role, workspace, passwordFile };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!DashboardRoles.TryParse(result.GetValue(role), out var parsedRole))
            {
                await Console.Error.WriteLineAsync($"--role: '{result.GetValue(role)}' is not one of: {string.Join(", ", DashboardRoles.AllNames)}.")
                    .ConfigureAwait(false);
                return 2;
            }

            var password = result.GetValue(passwordFile) is { } file
                ? (await File.ReadAllLinesAsync(file.FullName, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
                : await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("password: none given; pass --password-file or write it to standard input.").ConfigureAwait(false);
                return 2;
            }

            using var host = AgentLedgerCommandLine.BuildToolHost(result.UnmatchedTokens);
            await host.Services.GetRequiredService<StorageStartup>().StartAsync(cancellationToken).ConfigureAwait(false);
            var service = ActivatorUtilities.CreateInstance<DashboardAccountService>(host.Services);
            var (account, error) = await service.CreateAsync(result.GetValue(email)!, password, parsedRole, result.GetValue(workspace)!, cancellationToken)
                .ConfigureAwait(false);
            if (account is null)
            {
                await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
                return 2;
            }

            await Console.Out.WriteLineAsync(
                $"Created {DashboardRoles.Format(account.Role)} account {account.AccountId} '{account.Email}' in workspace '{account.WorkspaceId}'.")
                .ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
