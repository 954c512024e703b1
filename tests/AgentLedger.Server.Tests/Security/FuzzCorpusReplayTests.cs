using System.Net;
using System.Net.Http.Headers;
using AgentLedger.Core.Keys;
using AgentLedger.Fuzz;
using AgentLedger.Server.Features.Integrations.GitHub;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Security;

/// <summary>
/// Replays the fuzzer's committed corpus (bench/AgentLedger.Fuzz/corpus: minimised crashers and interesting inputs): every
/// input is accepted or rejected with its typed error, and through HTTP every rejection is a 4xx, never a 5xx.
/// </summary>
public sealed class FuzzCorpusReplayTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    public static TheoryData<string> Targets() => [.. FuzzTargets.All];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Corpus_ReplaysWithoutCrash(string target)
    {
        var targets = new FuzzTargets(server.Services.GetRequiredService<GitHubWebhookMapper>());
        var files = CorpusOf(target);

        foreach (var file in files)
        {
            var input = await File.ReadAllBytesAsync(file);
            var accepted = false;
            var exception = await Record.ExceptionAsync(async () => accepted = await targets.RunAsync(target, input));
            Assert.True(exception is null, $"{Path.GetFileName(file)}: {exception}");
            // An input saved as accepted keeps reaching the accept path: a parser that starts refusing it fails here.
            Assert.True(accepted || !Path.GetFileName(file).StartsWith("accepted-", StringComparison.Ordinal), $"{Path.GetFileName(file)} is no longer accepted");
        }

        Assert.NotEmpty(files);
    }

    [Theory]
    [InlineData(FuzzTargets.NativeEvents, "/api/v1/events")]
    [InlineData(FuzzTargets.OtlpJson, "/v1/logs")]
    [InlineData(FuzzTargets.OtlpProtobuf, "/v1/traces")]
    public async Task Corpus_ThroughHttp_IsAnsweredWithoutServerError(string target, string path)
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.Ingest);
        var contentType = target == FuzzTargets.OtlpProtobuf ? "application/x-protobuf" : "application/json";

        foreach (var file in CorpusOf(target))
        {
            var content = new ByteArrayContent((await File.ReadAllBytesAsync(file))[1..]);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            var response = await ws.Client().PostAsync(path, content);
            Assert.True((int)response.StatusCode < 500, $"{Path.GetFileName(file)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()), $"{Path.GetFileName(file)}: a refusal without a reason");
            }
        }
    }

    private static string[] CorpusOf(string target)
    {
        var folder = RepositoryRoot.Path("bench", "AgentLedger.Fuzz", "corpus", target);
        return Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)] : [];
    }
}
