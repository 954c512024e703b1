using AgentLedger.Server.Hosting;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Tests.Compliance;

public sealed class ComplianceOptionsTests
{
    [Theory]
    [InlineData("--Compliance:Logs:SealInterval=00:00:00", "Compliance:Logs:SealInterval")]
    [InlineData("--Compliance:Logs:MaxRecordsPerFile=0", "Compliance:Logs:MaxRecordsPerFile")]
    [InlineData("--Compliance:Logs:MaxFileBytes=1000", "Compliance:Logs:MaxFileBytes")]
    [InlineData("--Compliance:Logs:PollInterval=-00:00:01", "Compliance:Logs:PollInterval")]
    [InlineData("--Compliance:Exports:Path=", "Compliance:Exports:Path")]
    [InlineData("--Compliance:Exports:PollInterval=00:00:00", "Compliance:Exports:PollInterval")]
    public async Task StartAsync_InvalidComplianceSetting_FailsNamingTheKey(string setting, string key)
    {
        var folder = Directory.CreateTempSubdirectory("agentledger-options-").FullName;
        try
        {
            await using var app = AgentLedgerApp.Build(
                ["--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", $"--Storage:Sqlite:Path={Path.Combine(folder, "a.db")}", setting]);

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
