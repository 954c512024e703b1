using System.Net;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Ingestion.Otlp;

/// <summary>The real agents' OTLP/HTTP requests, replayed byte for byte, read back through the record feed.</summary>
public sealed class OtlpHttpIngestTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Export_CodexJsonRun_StoresEverySignalWithTurnTokensAndTool()
    {
        var ws = await server.NewWorkspaceAsync();

        await OtlpCaptures.PostAllAsync(ws.Client(), "codex/run1-json-echo");

        var records = await ws.Client().ReadAllRecordsAsync(ws.Id);
        // 25 log records, 512 + 20 spans, 184 metric points: nothing dropped.
        Assert.Equal(25 + 532 + 184, records.Count);
        Assert.Equal(1, records.CountKind("user.prompt"));
        Assert.Equal(2, records.CountKind("model.request"));
        Assert.Equal(2, records.CountKind("model.response"));
        Assert.Equal(1, records.CountKind("tool.result"));
        Assert.Equal((19844L, 9921L, 17L, 0L), records.Tokens());
        var prompt = records.Single(r => (string?)r["kind"] == "user.prompt");
        Assert.Equal("Run `echo hello` in the shell and tell me what it printed.", (string?)prompt["prompt_text"]);
        Assert.Equal("01a21673-8927-7001-a2c8-3d41562146a7", (string?)prompt["session_id"]);
        Assert.Equal("codex", (string?)prompt["agent"]);
        Assert.Equal("CODEX_CLI", (string?)prompt["client_id"]);
        Assert.Equal("cli", (string?)prompt["surface"]);
        Assert.Equal("otlp", (string?)prompt["source"]);
        Assert.Equal("127.0.0.1", (string?)prompt["client_ip"]);
        var tool = records.Single(r => (string?)r["kind"] == "tool.result");
        Assert.Equal("exec_command", (string?)tool["tool_name"]);
    }

    [Fact]
    public async Task Export_SameCapturesTwice_StoresNothingTheSecondTime()
    {
        var ws = await server.NewWorkspaceAsync();
        await OtlpCaptures.PostAllAsync(ws.Client(), "claude-code/json");
        var first = await ws.Client().ReadAllRecordsAsync(ws.Id);

        await OtlpCaptures.PostAllAsync(ws.Client(), "claude-code/json");

        var second = await ws.Client().ReadAllRecordsAsync(ws.Id);
        Assert.Equal(first.Count, second.Count);
        Assert.Equal(7, second.CountKind("user.prompt"));
        Assert.Equal((43118L, 20480L, 225L, 0L), second.Tokens());
        // Money is stored to micro-USD per record (CreditCalculator), so ten costs sum to 0.109392 rather than the raw 0.109388.
        Assert.Equal(0.109392m, second.Sum(r => (decimal?)r["cost_usd"] ?? 0));
        Assert.All(second.Where(r => (string?)r["kind"] == "model.request"), r => Assert.NotNull((decimal?)r["credits"]));
    }

    [Fact]
    public async Task Export_ChatGptLogin_ResolvesOneDirectoryUser()
    {
        var ws = await server.NewWorkspaceAsync();

        await OtlpCaptures.PostAllAsync(ws.Client(), "codex/run7-json-chatgpt-login");

        var records = await ws.Client().ReadAllRecordsAsync(ws.Id);
        var identified = records.Where(r => (string?)r["actor"]?["email"] == "dev.fixture@example.com").ToList();
        Assert.Equal(24, identified.Count);
        var users = identified.Select(r => (string?)r["user_id"]).Distinct().ToList();
        Assert.NotNull(Assert.Single(users));
    }

    [Fact]
    public async Task Export_ProtobufGzip_StoresTheSameRecordsAsThePlainBody()
    {
        var gzipped = await server.NewWorkspaceAsync();
        var plain = await server.NewWorkspaceAsync();

        var a = await OtlpCaptures.PostAsync(gzipped.Client(), "claude-code/protobuf-gzip/0001-logs.pb.gz", "application/x-protobuf", "gzip");
        var b = await OtlpCaptures.PostAsync(plain.Client(), "claude-code/protobuf-gzip/0001-logs.pb", "application/x-protobuf");

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal("application/x-protobuf", a.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await a.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        var fromGzip = await gzipped.Client().ReadAllRecordsAsync(gzipped.Id);
        var fromPlain = await plain.Client().ReadAllRecordsAsync(plain.Id);
        Assert.Equal(11, fromGzip.Count);
        Assert.Equal(fromPlain.Select(r => (string?)r["event_id"]), fromGzip.Select(r => (string?)r["event_id"]));
        Assert.Equal((8618L, 4096L, 26L, 0L), fromGzip.Tokens());
    }

    [Fact]
    public async Task Export_GeminiChunkedGzipJson_IsAcceptedAndAnsweredInJson()
    {
        var ws = await server.NewWorkspaceAsync();
        const string run = "gemini-cli/captures/05-http-gzip-headers-traces";

        foreach (var file in OtlpCaptures.Bodies(run, ".body"))
        {
            var response = await OtlpCaptures.PostAsync(ws.Client(), file, "application/json", "gzip", chunked: true);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("{ }", await response.Content.ReadAsStringAsync());
        }

        var records = await ws.Client().ReadAllRecordsAsync(ws.Id);
        Assert.Equal(1, records.CountKind("user.prompt"));
        Assert.Equal(3, records.CountKind("model.response"));
        Assert.Equal((603L, 301L, 96L, 20L), records.Tokens());
        Assert.All(records, r => Assert.Equal("7e62de35-3c06-4056-b30a-d6a1fee1ceb9", (string?)r["session_id"]));
        Assert.All(records, r => Assert.Equal("gemini_cli", (string?)r["agent"]));
    }
}
