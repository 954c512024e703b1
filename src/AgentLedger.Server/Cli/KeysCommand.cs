using System.CommandLine;
using System.Text.Json.Nodes;
using AgentLedger.Core.Compliance;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Storage;

namespace AgentLedger.Server.Cli;

/// <summary><c>agentledger keys create|list|revoke</c>: manage API keys from the machine that runs AgentLedger.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Create, list and revoke API keys.");
        keys.Subcommands.Add(CreateCommand());
        keys.Subcommands.Add(ListCommand());
        keys.Subcommands.Add(RevokeCommand());
        return keys;
    }

    private static Option<string> WorkspaceOption() => new("--workspace", "-w") { Description = "Workspace id.", Required = true };

    private static Command CreateCommand()
    {
        var workspace = WorkspaceOption();
        var scopes = new Option<string[]>("--scope", "-s")
        {
            Description = $"Scope to grant; repeat or separate with commas ({string.Join(", ", ApiKeyScopes.AllNames)}).",
            Required = true,
        };
        var name = new Option<string?>("--name", "-n") { Description = "A label for the key (who or what uses it)." };
        var command = new Command("create", "Create a key (and the workspace, if new). The key is printed once.") { workspace, scopes, name };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            ApiKeyScope granted;
            try
            {
                granted = ApiKeyScopes.Parse(string.Join(' ', result.GetValue(scopes) ?? []));
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync("--scope: " + ex.Message).ConfigureAwait(false);
                return 2;
            }

            var workspaceId = result.GetValue(workspace)!;
            if (!WorkspaceIds.IsValid(workspaceId))
            {
                await Console.Error.WriteLineAsync($"--workspace: '{workspaceId}' is invalid: {WorkspaceIds.Rule}.").ConfigureAwait(false);
                return 2;
            }

            using var host = await StartToolHostAsync(result.UnmatchedTokens, cancellationToken).ConfigureAwait(false);
            var issuer = host.Services.GetRequiredService<ApiKeyIssuer>();
            var keyName = result.GetValue(name) ?? $"{ApiKeyScopes.Format(granted).Replace(' ', '+')} key";
            var issued = await issuer.IssueAsync(workspaceId, keyName, granted, cancellationToken).ConfigureAwait(false);
            await host.Services.GetRequiredService<ComplianceAuditor>().RecordLocalAsync(workspaceId, AuditActions.CreateApiKey,
                WorkspaceAdminEndpoints.KeyAuditData(issued.Info.KeyId, keyName, granted), cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(
                $"Created key {issued.Info.KeyId} '{keyName}' in workspace '{workspaceId}' with scopes: {ApiKeyScopes.Format(granted)}").ConfigureAwait(false);
            await Console.Out.WriteLineAsync("The key is shown only now; store it in your secret manager:").ConfigureAwait(false);
            await Console.Out.WriteLineAsync(issued.Token).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var workspace = WorkspaceOption();
        var command = new Command("list", "List a workspace's keys (never their secrets) with their state and last use (to within a minute).") { workspace };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await StartToolHostAsync(result.UnmatchedTokens, cancellationToken).ConfigureAwait(false);
            var store = host.Services.GetRequiredService<IWorkspaceStore>();
            foreach (var key in await store.ListApiKeysAsync(result.GetValue(workspace)!, cancellationToken).ConfigureAwait(false))
            {
                var state = key.RevokedAt is { } at ? $"revoked {at:u}" : "active";
                var lastUsed = key.LastUsedAt is { } used ? $"last used {used:u}" : "never used";
                await Console.Out.WriteLineAsync($"{key.KeyId}  {state,-28}  {lastUsed,-30}  {ApiKeyScopes.Format(key.Scopes),-40}  {key.Name}")
                    .ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static Command RevokeCommand()
    {
        var workspace = WorkspaceOption();
        var keyId = new Option<string>("--key-id", "-k") { Description = "The key id (the 16 hex digits after 'al_').", Required = true };
        var command = new Command("revoke", "Revoke a key; requests with it fail from now on.") { workspace, keyId };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            using var host = await StartToolHostAsync(result.UnmatchedTokens, cancellationToken).ConfigureAwait(false);
            var store = host.Services.GetRequiredService<IWorkspaceStore>();
            var time = host.Services.GetRequiredService<TimeProvider>();
            var revoked = await store.RevokeApiKeyAsync(result.GetValue(workspace)!, result.GetValue(keyId)!, time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
            if (revoked)
            {
                await host.Services.GetRequiredService<ComplianceAuditor>().RecordLocalAsync(result.GetValue(workspace)!, AuditActions.RevokeApiKey,
                    new JsonObject { ["key_id"] = result.GetValue(keyId) }, cancellationToken).ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync(revoked ? "Revoked." : "No such active key in that workspace.").ConfigureAwait(false);
            return revoked ? 0 : 1;
        });
        return command;
    }

    /// <summary>A tool host whose schema is current (migrating first when Storage:MigrateOnStart allows it).</summary>
    private static async Task<IHost> StartToolHostAsync(IReadOnlyList<string> hostArgs, CancellationToken cancellationToken)
    {
        var host = AgentLedgerCommandLine.BuildToolHost(hostArgs);
        await host.Services.GetRequiredService<StorageStartup>().StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }
}
