using System.Text;
using Microsoft.AspNetCore.Http;

namespace AgentLedger.Server.Tests.EndToEnd;

/// <summary>One request a stub model received, as it arrived: what a test checks to prove what reached the "provider".</summary>
public sealed record StubRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static StubRequest From(HttpContext context, byte[] body) => new(
        context.Request.Method,
        context.Request.Path + context.Request.QueryString,
        context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
        Encoding.UTF8.GetString(body));
}
