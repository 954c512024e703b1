using System.Buffers;
using System.Net.Http.Headers;
using AgentLedger.Core.Gateway;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace AgentLedger.Server.Features.Gateway;

public sealed partial class GatewayForwarder
{
    /// <summary>The most of a non-streamed answer (or error body) kept to assemble the record; the relay itself is not limited by it.</summary>
    private const int MaxCapturedBytes = 16 * 1024 * 1024;

    // Hop-by-hop headers (RFC 9110 §7.6.1), the client's credentials, and Accept-Encoding: the gateway must read the
    // answer to record it, so it asks for it uncompressed.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection",
        "Proxy-Authorization", "Expect", "Content-Length", "Accept-Encoding", GatewayCallerAuthenticator.AgentLedgerKeyHeader,
        GatewayClient.SessionHeader, GatewayClient.TurnHeader,
    };

    private static readonly HashSet<string> Credentials = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "x-api-key", "x-goog-api-key" };

    private static readonly HashSet<string> NotRelayed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection",
    };

    private static HttpRequestMessage BuildUpstreamRequest(HttpRequest incoming, GatewayRoute route, GatewayUpstreamOptions upstream, byte[] body)
    {
        var query = incoming.Query.Where(q => upstream.ApiKey is null || route.Provider != GatewayProvider.Gemini || q.Key != "key")
            .SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? "")));
        var queryString = string.Join('&', query);
        var uri = new Uri(upstream.BaseUrl + "/" + route.UpstreamPath + (queryString.Length > 0 ? "?" + queryString : ""));
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), uri);
        if (body.Length > 0 || !HttpMethods.IsGet(incoming.Method))
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (NotForwarded.Contains(name) || (upstream.ApiKey is not null && Credentials.Contains(name)))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (upstream.ApiKey is { } key)
        {
            switch (route.Provider)
            {
                case GatewayProvider.OpenAi:
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    break;
                case GatewayProvider.Anthropic:
                    request.Headers.TryAddWithoutValidation("x-api-key", key);
                    break;
                case GatewayProvider.Gemini:
                    request.Headers.TryAddWithoutValidation("x-goog-api-key", key);
                    break;
            }
        }

        return request;
    }

    private async Task SendAndRelayAsync(HttpContext context, GatewayRoute route, GatewayExchange exchange, HttpRequestMessage request, GatewayOptions settings)
    {
        var aborted = context.RequestAborted;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        cts.CancelAfter(settings.ResponseTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            await RecordAsync(route, exchange with { Status = 499, Error = "The agent disconnected before the provider answered.", ClientAborted = true });
            return;
        }
        catch (OperationCanceledException)
        {
            var message = $"AgentLedger gateway: the upstream {request.RequestUri!.Authority} did not answer within {settings.ResponseTimeout} (Gateway:ResponseTimeout).";
            LogUpstreamTimeout(logger, request.RequestUri.Authority, exchange.WorkspaceId);
            await FailAsync(context, route, exchange, StatusCodes.Status504GatewayTimeout, "upstream_timeout", message);
            return;
        }
        catch (HttpRequestException e)
        {
            var message = $"AgentLedger gateway could not reach the upstream {request.RequestUri!.Authority}: {e.Message}";
            LogUpstreamUnreachable(logger, e, request.RequestUri.Authority, exchange.WorkspaceId);
            await FailAsync(context, route, exchange, StatusCodes.Status502BadGateway, "upstream_unreachable", message);
            return;
        }

        using (response)
        {
            await RelayAsync(context, route, exchange, response, cts, settings);
        }
    }

    private async Task FailAsync(HttpContext context, GatewayRoute route, GatewayExchange exchange, int status, string code, string message)
    {
        await WriteErrorAsync(context, route.Provider, status, code, message);
        await context.Response.CompleteAsync();
        await RecordAsync(route, exchange with { Status = status, Error = message });
    }

    private async Task RelayAsync(HttpContext context, GatewayRoute route, GatewayExchange exchange, HttpResponseMessage response, CancellationTokenSource cts, GatewayOptions settings)
    {
        var aborted = context.RequestAborted;
        var status = (int)response.StatusCode;
        context.Response.StatusCode = status;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotRelayed.Contains(name))
            {
                context.Response.Headers[name] = new StringValues([.. values]);
            }
        }

        // Kestrel would otherwise hold small writes back; every chunk must reach the agent when it arrives.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var sse = string.Equals(response.Content.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);
        var assembler = route.Api is { } api && status < 400 ? GatewayResponseAssembler.For(api) : null;
        var parser = sse && assembler is not null ? new SseEventParser(assembler.OnEvent) : null;
        using var captured = sse && status < 400 ? null : new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        DateTimeOffset? firstByte = null;
        long total = 0;
        string? failure = null;
        var clientGone = false;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
            while (true)
            {
                cts.CancelAfter(settings.StreamIdleTimeout);
                var read = await stream.ReadAsync(buffer, cts.Token);
                if (read == 0)
                {
                    break;
                }

                firstByte ??= time.GetUtcNow();
                total += read;
                if (total > settings.MaxResponseBytes)
                {
                    failure = $"The answer exceeded {settings.MaxResponseBytes} bytes (Gateway:MaxResponseBytes) and was cut off.";
                    break;
                }

                parser?.Feed(buffer.AsSpan(0, read));
                if (captured is not null && captured.Length + read <= MaxCapturedBytes)
                {
                    captured.Write(buffer, 0, read);
                }

                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted);
                await context.Response.Body.FlushAsync(aborted);
            }

            parser?.Complete();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            clientGone = aborted.IsCancellationRequested;
            failure = clientGone ? null
                : e is OperationCanceledException ? $"The upstream went silent for {settings.StreamIdleTimeout} (Gateway:StreamIdleTimeout) and the answer was cut off."
                : $"The upstream connection broke mid-answer: {e.Message}";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (failure is not null)
        {
            // Headers are already sent: the agent must see a broken answer, not a complete-looking one.
            context.Abort();
        }
        else if (!clientGone)
        {
            await context.Response.CompleteAsync();
        }

        if (assembler is not null && captured is not null)
        {
            assembler.OnBody(captured.GetBuffer().AsSpan(0, (int)captured.Length));
        }

        var error = failure ?? (status >= 400 && captured is not null
            ? GatewayErrors.MessageOf(captured.GetBuffer().AsSpan(0, (int)captured.Length)) ?? $"HTTP {status}"
            : null);
        await RecordAsync(route, exchange with
        {
            Status = status,
            Response = assembler?.Result(),
            FirstByteAt = firstByte,
            ClientAborted = clientGone,
            Error = error,
        });
    }

    private Task RecordAsync(GatewayRoute route, GatewayExchange exchange)
    {
        if (route.Api is not null)
        {
            recorder.Enqueue(exchange with { CompletedAt = time.GetUtcNow() });
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway: upstream {Upstream} unreachable (workspace {WorkspaceId})")]
    private static partial void LogUpstreamUnreachable(ILogger logger, Exception exception, string upstream, string workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway: upstream {Upstream} timed out (workspace {WorkspaceId})")]
    private static partial void LogUpstreamTimeout(ILogger logger, string upstream, string workspaceId);
}
