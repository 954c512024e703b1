using AgentLedger.Server.Hosting;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Tests.Ingestion.Dlp;

public sealed class DlpConfigurationTests
{
    [Fact]
    public async Task StartAsync_UnknownRuleInWorkspaceOverride_FailsNamingTheKey()
    {
        var folder = Directory.CreateTempSubdirectory("agentledger-dlp-config-").FullName;
        try
        {
            await using var app = AgentLedgerApp.Build(
                ["--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", $"--Storage:Sqlite:Path={Path.Combine(folder, "a.db")}",
                 "--Dlp:Workspaces:acme:Rules:aws-key=Redact"]);

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

            Assert.Contains("Dlp:Workspaces:acme:Rules:aws-key names no DLP rule", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
