using System.Text;
using System.Text.Json;
using AgentLedger.Core.Analytics;
using AgentLedger.Core.Integrations;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;
using AgentLedger.Otlp.Decoding;
using AgentLedger.Otlp.Mapping;
using AgentLedger.Otlp.Proto.Collector.Logs.V1;
using AgentLedger.Otlp.Proto.Collector.Metrics.V1;
using AgentLedger.Otlp.Proto.Collector.Trace.V1;
using AgentLedger.Server.Features.Analytics.Codex;
using AgentLedger.Server.Features.Analytics.Native;
using AgentLedger.Server.Features.Compliance.Records;
using AgentLedger.Server.Features.Ingestion.Events;
using AgentLedger.Server.Features.Integrations.GitHub;

namespace AgentLedger.Fuzz;

/// <summary>
/// The parsers that read untrusted input, each wrapped the way its endpoint calls it. A target returns whether the
/// input was accepted or rejected; a rejection must be the typed error its endpoint turns into a 4xx. Any other
/// exception escapes: it is what the endpoint would answer with a 500, and the fuzzer reports it as a crash.
/// </summary>
public sealed class FuzzTargets(GitHubWebhookMapper webhookMapper)
{
    public const string OtlpProtobuf = "otlp-protobuf";
    public const string OtlpJson = "otlp-json";
    public const string NativeEvents = "native-events";
    public const string GitHubWebhook = "github-webhook";
    public const string AnalyticsCursor = "analytics-cursor";
    public const string QueryParameters = "query-parameters";

    public static readonly string[] All = [OtlpProtobuf, OtlpJson, NativeEvents, GitHubWebhook, AnalyticsCursor, QueryParameters];

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    /// <summary>First-byte flag of a webhook input: the body is signed with the secret (see <see cref="WebhookAsync"/>).</summary>
    public const byte SignedBySecretHolder = 0x80;

    private static readonly string[] WebhookEvents = ["pull_request_review", "pull_request_review_comment", "issue_comment", "ping", "reaction"];
    private static readonly GitHubIntegration Integration = new("fuzz", "secret", ["Codertocat", "codex-bot"], ClientId.CodexGitHub);

    private readonly OtlpRecordMapper _otlp = new(TimeProvider.System);
    private readonly NativeEventMapper _native = new(new CreditCalculator(PriceBook.Default));

    /// <returns>True when the input was accepted, false when it was rejected with the documented error.</returns>
    public Task<bool> RunAsync(string target, byte[] input) => target switch
    {
        OtlpProtobuf => Task.FromResult(Otlp(input, OtlpEncodingKind.Protobuf)),
        OtlpJson => Task.FromResult(Otlp(input, OtlpEncodingKind.Json)),
        NativeEvents => Task.FromResult(Native(input)),
        GitHubWebhook => WebhookAsync(input),
        AnalyticsCursor => Task.FromResult(Cursor(input)),
        QueryParameters => Task.FromResult(Query(input)),
        _ => throw new ArgumentException($"Unknown target '{target}'. Targets: {string.Join(", ", All)}.", nameof(target)),
    };

    private enum OtlpEncodingKind
    {
        Protobuf,
        Json,
    }

    /// <summary>The first byte picks the signal, as the URL does; the rest is the body. Decoded bodies are mapped too.</summary>
    private bool Otlp(byte[] input, OtlpEncodingKind encoding)
    {
        if (input.Length == 0)
        {
            return false;
        }

        var body = input.AsSpan(1);
        var context = new OtlpIngestContext("fuzz");
        try
        {
            IReadOnlyList<ActivityRecord> records = (input[0] % 3, encoding) switch
            {
                (0, OtlpEncodingKind.Protobuf) => _otlp.MapLogs(OtlpProtobufDecoder.Decode<ExportLogsServiceRequest>(body), context),
                (1, OtlpEncodingKind.Protobuf) => _otlp.MapMetrics(OtlpProtobufDecoder.Decode<ExportMetricsServiceRequest>(body), context),
                (_, OtlpEncodingKind.Protobuf) => _otlp.MapTraces(OtlpProtobufDecoder.Decode<ExportTraceServiceRequest>(body), context),
                (0, _) => _otlp.MapLogs(OtlpJsonDecoder.Decode<ExportLogsServiceRequest>(body), context),
                (1, _) => _otlp.MapMetrics(OtlpJsonDecoder.Decode<ExportMetricsServiceRequest>(body), context),
                _ => _otlp.MapTraces(OtlpJsonDecoder.Decode<ExportTraceServiceRequest>(body), context),
            };
            return records.Count >= 0;
        }
        catch (OtlpDecodeException)
        {
            return false;
        }
    }

    /// <summary>The first byte picks NDJSON or a JSON array, as the Content-Type does.</summary>
    private bool Native(byte[] input)
    {
        if (input.Length == 0)
        {
            return false;
        }

        var batch = NativeEventBatchParser.Parse(input[1..], ndjson: input[0] % 2 == 0, Json);
        if (batch.BodyError is not null)
        {
            return false;
        }

        var context = new NativeEventContext("fuzz", Now, "127.0.0.1", "fuzz");
        var valid = 0;
        foreach (var parsed in batch.Events)
        {
            if (parsed.Event is not null && _native.Map(parsed.Event, context).IsValid)
            {
                valid++;
            }
        }

        return valid > 0;
    }

    /// <summary>
    /// A delivery as the webhook endpoint takes it. The first byte picks the X-GitHub-Event (low bits) and who sent it: with
    /// <see cref="SignedBySecretHolder"/> set, the rest is the payload, signed here with the integration's secret as GitHub
    /// (or anyone holding the secret) would sign any body, so that mutated real payloads reach the mapper; otherwise the rest
    /// is an <c>X-Hub-Signature-256</c> value, a newline and the payload, refused like the endpoint's 401 unless it verifies.
    /// </summary>
    private async Task<bool> WebhookAsync(byte[] input)
    {
        if (input.Length == 0)
        {
            return false;
        }

        var rest = input.AsMemory(1);
        ReadOnlyMemory<byte> payloadBytes;
        if ((input[0] & SignedBySecretHolder) != 0)
        {
            payloadBytes = rest;
            var signature = GitHubWebhookSignature.Sign(Integration.WebhookSecret, payloadBytes.Span);
            if (!GitHubWebhookSignature.IsValid(Integration.WebhookSecret, payloadBytes.Span, signature))
            {
                throw new InvalidOperationException("A body signed with the secret does not verify.");
            }
        }
        else
        {
            var newline = rest.Span.IndexOf((byte)'\n');
            var header = newline < 0 ? null : Encoding.UTF8.GetString(rest.Span[..newline]);
            payloadBytes = newline < 0 ? ReadOnlyMemory<byte>.Empty : rest[(newline + 1)..];
            if (!GitHubWebhookSignature.IsValid(Integration.WebhookSecret, payloadBytes.Span, header))
            {
                return false;
            }
        }

        try
        {
            using var payload = JsonDocument.Parse(payloadBytes);
            var mapping = await webhookMapper.MapAsync(WebhookEvents[(input[0] & 0x7F) % WebhookEvents.Length], "delivery", payload.RootElement, Integration, Now, CancellationToken.None)
                .ConfigureAwait(false);
            return mapping.Records.Count > 0;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // The exceptions GitHubWebhookEndpoints answers with 400.
            return false;
        }
    }

    /// <summary>The X-GitHub-Event names the webhook target picks from, by the first byte.</summary>
    public static IReadOnlyList<string> WebhookEventNames => WebhookEvents;

    /// <summary>The webhook integration the target maps for; seeds sign with its secret.</summary>
    public static GitHubIntegration WebhookIntegration => Integration;

    /// <summary>The window every cursor input is presented with; seeds issue cursors for it.</summary>
    public static CodexQueryParameters CursorQuery(string? page) =>
        new() { WorkspaceId = "fuzz", StartTime = "1763596800", EndTime = "1764201600", Page = page };

    /// <summary>The analytics kind and clock the cursor target parses with.</summary>
    public static (AnalyticsQuery? Query, AnalyticsPosition? After, IReadOnlyList<CodexValidationDetail> Errors) ParseCursorQuery(string? page) =>
        CodexQueryParser.Parse(CursorQuery(page), "usage", AnalyticsActivity.Any, perUserAllowed: true, Now);

    /// <summary>A <c>page</c> cursor as the Codex endpoints read it: decoded, then checked against the request's window.</summary>
    private static bool Cursor(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var parsed = ParseCursorQuery(text);
        try
        {
            AnalyticsCursorCodec.Decode("page", text);
        }
        catch (AnalyticsQueryException)
        {
            return false;
        }

        return parsed.Errors.Count == 0;
    }

    /// <summary>The input split on NUL into the query parameters of the Codex, native analytics and compliance endpoints.</summary>
    private static bool Query(byte[] input)
    {
        var parts = Encoding.UTF8.GetString(input).Split('\0');
        string? At(int i) => i < parts.Length && parts[i].Length > 0 ? parts[i] : null;
        string[]? Many(int i) => At(i)?.Split(',');
        var accepted = 0;

        var codex = new CodexQueryParameters { WorkspaceId = "fuzz", StartTime = At(0), EndTime = At(1), Limit = At(2), Page = At(3), Group = At(4) };
        accepted += CodexQueryParser.Parse(codex, "usage", AnalyticsActivity.Any, perUserAllowed: true, Now).Errors.Count == 0 ? 1 : 0;

        var series = new SeriesQueryParameters
        {
            WorkspaceId = "fuzz", From = At(0), To = At(1), Bucket = At(5), TimeZone = At(6), GroupBy = At(7), User = Many(8), Team = Many(9),
            Surface = Many(10), Client = Many(11), Model = Many(12), Agent = Many(13), Limit = At(2), Page = At(3), Format = At(14),
        };
        try
        {
            SeriesQueryParser.Parse(series, "usage", AnalyticsActivity.Any, AnalyticsGroupBy.User, At(15), Now);
            accepted++;
        }
        catch (AnalyticsQueryException)
        {
        }

        var filter = new RecordFilterInput
        {
            StartTime = At(0), EndTime = At(1), UserIds = Many(8), Teams = Many(9), Surfaces = Many(10), ClientIds = Many(11), Models = Many(12),
            Agents = Many(13), Kinds = Many(5), SessionIds = Many(6),
        };
        accepted += RecordFilterParser.TryParse(filter, RecordFilterParser.QueryNames, out _, out _) ? 1 : 0;
        return accepted > 0;
    }
}
