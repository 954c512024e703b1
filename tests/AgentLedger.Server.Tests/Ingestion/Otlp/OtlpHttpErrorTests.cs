using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentLedger.Core.Keys;
using AgentLedger.Otlp.Proto.Rpc;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Ingestion.Otlp;

/// <summary>
/// Bad OTLP requests get an OTLP-shaped error (a google.rpc.Status in the request's encoding, never
/// ProblemDetails) naming what is wrong; nothing of a refused request is stored, and the server goes on.
/// </summary>
public sealed class OtlpHttpErrorTests(SmallLimitsServerFixture server) : IClassFixture<SmallLimitsServerFixture>
{
    private const string SmallLogs = """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1795673046678000000","body":{"stringValue":"hello"}}]}]}]}""";

    [Fact]
    public async Task Export_TruncatedProtobuf_Answers400WithProtobufStatus()
    {
        var ws = await server.NewWorkspaceAsync();
        var pb = OtlpCaptures.Read("claude-code/protobuf-gzip/0001-logs.pb")[..1500];

        var response = await ws.Client().PostAsync("/v1/logs", Content(pb, "application/x-protobuf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var status = Status.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, status.Code);
        Assert.Contains("Invalid OTLP/protobuf ExportLogsServiceRequest", status.Message, StringComparison.Ordinal);
        await AssertNothingStoredAndServerWorksAsync(ws);
    }

    [Fact]
    public async Task Export_InvalidJson_Answers400WithJsonStatusNamingThePlace()
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().PostAsync("/v1/logs", Content(Encoding.UTF8.GetBytes("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"xyz"}]}]}]}"""), "application/json"));

        var status = await ReadJsonStatusAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("resourceLogs[0].scopeLogs[0].logRecords[0].traceId", (string)status["message"]!, StringComparison.Ordinal);
        Assert.Null(status["title"]);
        await AssertNothingStoredAndServerWorksAsync(ws);
    }

    [Fact]
    public async Task Export_MalformedJson_Answers400()
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().PostAsync("/v1/metrics", Content(Encoding.UTF8.GetBytes("""{"resourceMetrics":[{"""), "application/json"));

        var status = await ReadJsonStatusAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Invalid JSON", (string)status["message"]!, StringComparison.Ordinal);
        await AssertNothingStoredAndServerWorksAsync(ws);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task Export_OtherContentType_Answers415(string contentType)
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().PostAsync("/v1/traces", Content(Encoding.UTF8.GetBytes(SmallLogs), contentType));

        var status = await ReadJsonStatusAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains(contentType, (string)status["message"]!, StringComparison.Ordinal);
        await AssertNothingStoredAndServerWorksAsync(ws);
    }

    [Fact]
    public async Task Export_GzipThatDoesNotInflate_Answers400()
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().PostAsync("/v1/logs", Content(Encoding.UTF8.GetBytes(SmallLogs), "application/json", "gzip"));

        var status = await ReadJsonStatusAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid gzip", (string)status["message"]!, StringComparison.Ordinal);
        await AssertNothingStoredAndServerWorksAsync(ws);
    }

    [Fact]
    public async Task Export_UnknownContentEncoding_Answers415()
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await ws.Client().PostAsync("/v1/logs", Content(Encoding.UTF8.GetBytes(SmallLogs), "application/json", "br"));

        var status = await ReadJsonStatusAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("'br'", (string)status["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_BodyOverTheCap_Answers413()
    {
        var ws = await server.NewWorkspaceAsync();
        var big = OtlpCaptures.Read("claude-code/protobuf-gzip/0001-logs.pb");
        Assert.True(big.Length > SmallLimitsServerFixture.MaxBodyBytes);

        var response = await ws.Client().PostAsync("/v1/logs", Content(big, "application/x-protobuf"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var status = Status.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Ingest:MaxBodyBytes", status.Message, StringComparison.Ordinal);
        await AssertNothingStoredAndServerWorksAsync(ws);
    }

    [Fact]
    public async Task Export_GzipBomb_Answers413WithoutInflatingItAll()
    {
        var ws = await server.NewWorkspaceAsync();
        var bomb = Gzip(new byte[2 * 1024 * 1024]);
        Assert.True(bomb.Length < SmallLimitsServerFixture.MaxBodyBytes);

        var response = await ws.Client().PostAsync("/v1/logs", Content(bomb, "application/x-protobuf", "gzip"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var status = Status.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Ingest:MaxDecompressedBytes", status.Message, StringComparison.Ordinal);
        await AssertNothingStoredAndServerWorksAsync(ws);
    }

    [Fact]
    public async Task Export_WithoutKey_Answers401InOtlpShape()
    {
        var ws = await server.NewWorkspaceAsync();

        var response = await server.Client(null).PostAsync("/v1/logs", Content(Encoding.UTF8.GetBytes(SmallLogs), "application/json"));

        var status = await ReadJsonStatusAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(16, (int)status["code"]!);
        Assert.Contains("Authorization: Bearer", (string)status["message"]!, StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    [Fact]
    public async Task Export_WrongKey_Answers401()
    {
        var client = server.Client("al_nope_notakey");

        var response = await client.PostAsync("/v1/logs", Content(Encoding.UTF8.GetBytes(SmallLogs), "application/json"));

        var status = await ReadJsonStatusAsync(response, HttpStatusCode.Unauthorized);
        Assert.False(string.IsNullOrEmpty((string?)status["message"]));
    }

    [Fact]
    public async Task Export_KeyWithoutIngestScope_Answers403()
    {
        var ws = await server.NewWorkspaceAsync();
        var readOnly = await server.IssueKeyAsync(ws.Id, ApiKeyScope.AnalyticsRead);

        var response = await server.Client(readOnly).PostAsync("/v1/logs", Content(Encoding.UTF8.GetBytes(SmallLogs), "application/json"));

        var status = await ReadJsonStatusAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("'ingest'", (string)status["message"]!, StringComparison.Ordinal);
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }

    private static ByteArrayContent Content(byte[] body, string contentType, string? encoding = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        return content;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static async Task<JsonObject> ReadJsonStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var status = await response.ReadJsonAsync();
        Assert.NotNull(status["code"]);
        return status;
    }

    private async Task AssertNothingStoredAndServerWorksAsync(TestWorkspace ws)
    {
        Assert.Empty(await ws.Client().ReadAllRecordsAsync(ws.Id));
        var ok = await ws.Client().PostAsync("/v1/logs", Content(Encoding.UTF8.GetBytes(SmallLogs), "application/json"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Single(await ws.Client().ReadAllRecordsAsync(ws.Id));
    }
}
