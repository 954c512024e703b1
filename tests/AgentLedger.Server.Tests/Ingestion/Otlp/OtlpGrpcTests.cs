using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Ingestion.Otlp;

/// <summary>
/// OTLP/gRPC on its own HTTP/2 port: Gemini CLI's gRPC requests (gzip-compressed frames, as its exporter
/// always sends them) replayed byte for byte, with the gRPC status read from the trailers.
/// </summary>
public sealed class OtlpGrpcTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Run = "gemini-cli/captures/07-grpc-shell-tool";

    [Fact]
    public async Task Export_GeminiGrpcCapture_StoresTheRunLikeItsHttpTwin()
    {
        var ws = await server.NewWorkspaceAsync();

        foreach (var (file, service) in new[] { ("0001-metrics", "metrics.v1.MetricsService"), ("0002-traces", "trace.v1.TraceService"), ("0003-logs", "logs.v1.LogsService") })
        {
            var (status, message) = await CallAsync(ws.Key, service, OtlpCaptures.Read($"{Run}/{file}.grpc"), "gzip");
            Assert.True(status == "0", $"{file}: grpc-status {status} {message}");
        }

        var records = await ws.Client().ReadAllRecordsAsync(ws.Id);
        Assert.Equal(1, records.CountKind("user.prompt"));
        Assert.Equal(3, records.CountKind("model.request"));
        Assert.Equal(3, records.CountKind("model.response"));
        Assert.Equal(1, records.CountKind("tool.result"));
        Assert.Equal((603L, 301L, 96L, 20L), records.Tokens());
        Assert.All(records, r => Assert.Equal("39279fde-2310-4796-9c6c-d5f3e2831d55", (string?)r["session_id"]));
        Assert.Contains("grpc-node-js", (string?)records[0]["user_agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_UncompressedFrameTwice_StoresOnce()
    {
        var ws = await server.NewWorkspaceAsync();
        var frame = Frame(OtlpCaptures.Read("codex/run4-binary-echo/logs-0001.pb"));

        var first = await CallAsync(ws.Key, "logs.v1.LogsService", frame, null);
        var count = (await ws.Client().ReadAllRecordsAsync(ws.Id)).Count;
        var second = await CallAsync(ws.Key, "logs.v1.LogsService", frame, null);

        Assert.Equal("0", first.Status);
        Assert.Equal("0", second.Status);
        Assert.True(count > 0);
        Assert.Equal(count, (await ws.Client().ReadAllRecordsAsync(ws.Id)).Count);
    }

    [Fact]
    public async Task Export_WithoutKey_IsUnauthenticatedAndStoresNothing()
    {
        var ws = await server.NewWorkspaceAsync();

        var (status, message) = await CallAsync(null, "logs.v1.LogsService", OtlpCaptures.Read($"{Run}/0003-logs.grpc"), "gzip");

        Assert.Equal("16", status);
        Assert.Contains("Authorization: Bearer", message, StringComparison.Ordinal);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    [Fact]
    public async Task Export_GarbageMessage_IsRejectedAndStoresNothing()
    {
        var ws = await server.NewWorkspaceAsync();

        var (status, _) = await CallAsync(ws.Key, "logs.v1.LogsService", Frame([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), null);

        Assert.NotEqual("0", status);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    [Fact]
    public async Task Export_GzipBombFrame_IsRefusedOverTheMessageCap()
    {
        var ws = await server.NewWorkspaceAsync();
        var zeros = new byte[64 * 1024 * 1024];
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(zeros);
        }

        var (status, _) = await CallAsync(ws.Key, "logs.v1.LogsService", Frame(compressed.ToArray(), compressedFlag: 1), "gzip");

        // RESOURCE_EXHAUSTED: the inflated message exceeds Ingest:MaxDecompressedBytes (50 MiB by default).
        Assert.Equal("8", status);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    private async Task<(string? Status, string Message)> CallAsync(string? key, string service, byte[] body, string? grpcEncoding)
    {
        using var client = new HttpClient { BaseAddress = server.GrpcAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/opentelemetry.proto.collector.{service}/Export")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        request.Headers.UserAgent.ParseAdd("OTel-OTLP-Exporter-JavaScript/0.218.0 grpc-node-js/1.14.3");
        if (grpcEncoding is not null)
        {
            request.Headers.Add("grpc-encoding", grpcEncoding);
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsByteArrayAsync();
        // A call that fails before any message carries its status in the headers ("trailers-only").
        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var t) ? t.First()
            : response.Headers.TryGetValues(name, out var h) ? h.First() : null;
        return (Header("grpc-status"), Uri.UnescapeDataString(Header("grpc-message") ?? ""));
    }

    private static byte[] Frame(byte[] message, byte compressedFlag = 0)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = compressedFlag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }
}
