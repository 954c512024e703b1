using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentLedger.Core.Gateway;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.Features;

namespace AgentLedger.Server.Features.Gateway;

/// <summary>
/// The gateway's request pipeline, in order: authenticate the AgentLedger key, bound and parse the body, read what the
/// request adds to the conversation, run the gates (<see cref="IGatewayRequestGate"/>: DLP, then budgets), forward to
/// the workspace's upstream with AgentLedger's provider key, relay the answer chunk by chunk while assembling it, and
/// record the exchange. Errors of AgentLedger's own (401, 413, policy, 502, 504) are in the provider's shape;
/// the provider's own errors pass through unchanged.
/// </summary>
public sealed partial class GatewayForwarder(
    GatewayCallerAuthenticator authenticator,
    GatewayHttpClient http,
    IOptions<GatewayOptions> options,
    IEnumerable<IGatewayRequestGate> gates,
    GatewayRecorder recorder,
    TimeProvider time,
    ILogger<GatewayForwarder> logger)
{
    private readonly IGatewayRequestGate[] _gates = [.. gates];

    public async Task ForwardAsync(HttpContext context, GatewayRoute route)
    {
        var started = time.GetUtcNow();
        var aborted = context.RequestAborted;
        var (caller, authStatus, authError) = await authenticator.AuthenticateAsync(context.Request, route.Provider, aborted);
        if (caller is null)
        {
            await WriteErrorAsync(context, route.Provider, authStatus, authStatus == 401 ? "invalid_api_key" : "insufficient_scope", authError!);
            return;
        }

        var settings = options.Value;
        var upstream = settings.UpstreamFor(caller.WorkspaceId, route.Provider);
        var provider = GatewayApis.WireName(route.Provider);
        if (upstream.ApiKey is null && !(upstream.PassClientKey && caller.KeyInAgentLedgerHeader))
        {
            await WriteErrorAsync(context, route.Provider, StatusCodes.Status502BadGateway, "upstream_not_configured",
                $"AgentLedger gateway: no {provider} provider key is configured for workspace '{caller.WorkspaceId}' " +
                $"(set Gateway:Upstreams:{provider}:ApiKey, or PassClientKey with the AgentLedger key in X-AgentLedger-Key).");
            return;
        }

        // The server-wide body cap (Limits:MaxRequestBodyBytes) is for API calls; a model request carries the whole
        // conversation, so the gateway's own cap applies, met by its reader (413 in the provider's shape), not by Kestrel.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = settings.MaxRequestBodyBytes + (64 * 1024);
        }

        var body = await ReadBodyAsync(context.Request, settings.MaxRequestBodyBytes, aborted);
        if (body is null)
        {
            await WriteErrorAsync(context, route.Provider, StatusCodes.Status413PayloadTooLarge, "request_too_large",
                $"AgentLedger gateway: the request body exceeds {settings.MaxRequestBodyBytes} bytes (Gateway:MaxRequestBodyBytes).");
            return;
        }

        var exchange = NewExchange(context, route, caller, started, settings);
        if (route.Api is { } api)
        {
            JsonObject? json = null;
            try
            {
                json = body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
            }
            catch (JsonException)
            {
                // Answered below: a body the gateway cannot read is one DLP cannot check, so it never leaves.
            }

            if (json is null)
            {
                await WriteErrorAsync(context, route.Provider, StatusCodes.Status400BadRequest, "invalid_json",
                    $"AgentLedger gateway: the request body must be a JSON object ({GatewayApis.WireName(api)}).");
                return;
            }

            var gate = new GatewayGateContext
            {
                WorkspaceId = caller.WorkspaceId, KeyId = caller.KeyId, Api = api, Caller = caller.KeyName,
                Request = GatewayRequestReader.Read(api, json, route.PathModel, route.PathStream), Body = json,
            };
            exchange = exchange with { Request = gate.Request, Notes = gate.Notes };
            foreach (var g in _gates)
            {
                if (await g.CheckAsync(gate, aborted) is { } refusal)
                {
                    // Recorded before the agent is answered: a refusal is a compliance fact that must not be lost.
                    await recorder.RecordAsync(exchange with { Status = refusal.Status, Refusal = refusal, Error = refusal.Message, CompletedAt = time.GetUtcNow() });
                    if (refusal.RetryAfter is { } retryAfter)
                    {
                        context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    }

                    await WriteErrorAsync(context, route.Provider, refusal.Status, refusal.Code, refusal.Message);
                    return;
                }
            }

            if (gate.BodyChanged)
            {
                body = JsonSerializer.SerializeToUtf8Bytes(json);
            }
        }

        using var request = BuildUpstreamRequest(context.Request, route, upstream, body);
        await SendAndRelayAsync(context, route, exchange, request, settings);
    }

    private GatewayExchange NewExchange(HttpContext context, GatewayRoute route, GatewayCaller caller, DateTimeOffset started, GatewayOptions settings)
    {
        var headers = context.Request.Headers;
        var userAgent = headers.UserAgent.ToString();
        return new GatewayExchange
        {
            ExchangeId = Guid.CreateVersion7(started).ToString("N"),
            WorkspaceId = caller.WorkspaceId,
            KeyId = caller.KeyId,
            KeyName = caller.KeyName,
            Api = route.Api ?? GatewayApi.OpenAiResponses,
            Client = GatewayClient.Detect(userAgent, name => headers[name].ToString() is { Length: > 0 } v ? v : null),
            Accounting = settings.AccountingFor(caller.WorkspaceId),
            UserAgent = userAgent.Length == 0 ? null : userAgent,
            ClientIp = context.Connection.RemoteIpAddress?.ToString(),
            Request = GatewayRequestView.Empty,
            StartedAt = started,
            CompletedAt = started,
            Status = 0,
        };
    }

    /// <returns>The body, or null when it exceeds <paramref name="limit"/>.</returns>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task WriteErrorAsync(HttpContext context, GatewayProvider provider, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(GatewayErrors.Body(provider, status, code, message), context.RequestAborted);
    }
}
