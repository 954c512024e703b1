using System.Globalization;
using System.Text.Json.Nodes;
using AgentLedger.Core.Metrics;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Gateway;

/// <summary>
/// Maps one exchange to canonical records, in conversation order: the new user prompt, the tool results sent back,
/// then the model's answer (or the error or refusal) and the tool calls it asked for. Every record carries the
/// session and turn the agent sent, the key's identity, and <c>gateway.*</c> attributes (API, exchange id, status,
/// time to first byte, accounting owner). Event ids derive from the exchange id, so the records of one exchange are
/// stored at most once.
/// </summary>
public static class GatewayRecordMapper
{
    public static IReadOnlyList<ActivityRecord> Map(GatewayExchange x)
    {
        var records = new List<ActivityRecord>();
        var request = x.Request;
        if (request.Prompt is { } prompt)
        {
            records.Add(Record(x, records.Count, x.StartedAt, RecordKind.UserPrompt) with { PromptText = prompt });
        }

        foreach (var result in request.ToolResults)
        {
            records.Add(Record(x, records.Count, x.StartedAt, RecordKind.ToolResult) with
            {
                ToolName = result.Name,
                ToolInput = result.Arguments,
                ToolOutput = result.Output,
                Attributes = Attributes(x, result.CallId),
            });
        }

        var durationMs = (long)(x.CompletedAt - x.StartedAt).TotalMilliseconds;
        var response = x.Response;
        if (x.Refusal is not null || response is null || x.Status >= 400)
        {
            records.Add(Record(x, records.Count, x.CompletedAt, RecordKind.ApiError) with
            {
                Status = x.Refusal is not null ? "blocked" : x.Status.ToString(CultureInfo.InvariantCulture),
                Error = x.Error ?? $"HTTP {x.Status}",
                DurationMs = durationMs,
            });
            return records;
        }

        records.Add(Record(x, records.Count, x.CompletedAt, RecordKind.ModelResponse) with
        {
            Model = response.Model ?? request.Model,
            ResponseText = response.Text,
            Usage = response.Usage,
            DurationMs = durationMs,
            Status = x.ClientAborted ? "cancelled" : (x.Error ?? response.Error) is null ? "ok" : "error",
            Error = x.ClientAborted ? "The agent disconnected before the answer was complete." : x.Error ?? response.Error,
        });
        foreach (var call in response.ToolCalls)
        {
            records.Add(Record(x, records.Count, x.CompletedAt, RecordKind.ToolCall) with
            {
                Model = response.Model ?? request.Model,
                ToolName = call.Name,
                ToolInput = call.Arguments,
                Attributes = Attributes(x, call.CallId),
            });
        }

        return records;
    }

    /// <summary>The directory identity of the key: its name as an e-mail when it is one, else as a login.</summary>
    public static ActorIdentity ActorOf(string keyName) => keyName.Contains('@', StringComparison.Ordinal)
        ? new ActorIdentity { Email = keyName, DisplayName = keyName }
        : new ActorIdentity { Login = keyName, DisplayName = keyName };

    private static ActivityRecord Record(GatewayExchange x, int index, DateTimeOffset at, RecordKind kind) => new()
    {
        Id = RecordIds.NewId(at),
        WorkspaceId = x.WorkspaceId,
        EventId = $"gw:{x.ExchangeId}:{index}",
        OccurredAt = at,
        ReceivedAt = x.CompletedAt,
        Source = RecordSource.Gateway,
        Kind = kind,
        Actor = ActorOf(x.KeyName),
        ClientIp = x.ClientIp,
        UserAgent = x.UserAgent,
        Agent = x.Client.Agent,
        ClientId = x.Client.ClientId,
        ClientVersion = x.Client.Version,
        SessionId = x.Client.SessionId,
        TurnId = x.Client.TurnId,
        Model = x.Request.Model,
        Attributes = Attributes(x, null),
    };

    private static JsonObject Attributes(GatewayExchange x, string? callId)
    {
        var gateway = new JsonObject
        {
            ["api"] = GatewayApis.WireName(x.Api),
            ["exchange_id"] = x.ExchangeId,
            ["key_id"] = x.KeyId,
            [MetricDefinitions.GatewayAccountingAttribute] = x.Accounting == GatewayAccounting.Telemetry
                ? MetricDefinitions.GatewayAccountingTelemetry
                : "gateway",
            ["status"] = x.Status,
            ["stream"] = x.Request.Stream,
            ["latency_ms"] = (long)(x.CompletedAt - x.StartedAt).TotalMilliseconds,
        };
        if (x.FirstByteAt is { } first)
        {
            gateway["ttfb_ms"] = (long)(first - x.StartedAt).TotalMilliseconds;
        }

        if (x.Response is { } r)
        {
            gateway["response_id"] = r.ResponseId;
            gateway["stop_reason"] = r.StopReason;
            if (r.Truncated)
            {
                gateway["truncated"] = true;
            }
        }

        if (x.Refusal is { } refusal)
        {
            gateway["blocked_by"] = refusal.Policy;
        }

        if (callId is not null)
        {
            gateway["call_id"] = callId;
        }

        foreach (var (key, value) in x.Notes ?? [])
        {
            gateway[key] = value?.DeepClone();
        }

        return new JsonObject { ["gateway"] = gateway };
    }
}
