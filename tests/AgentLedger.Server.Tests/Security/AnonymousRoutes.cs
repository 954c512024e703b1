using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentLedger.Server.Tests.Security;

/// <summary>
/// The only routes that may answer without an API key or dashboard sign-in, each with its reason. Adding a route
/// here is a security decision: it is reviewed with this file, not hidden in a feature's mapping code.
/// </summary>
public static class AnonymousRoutes
{
    private static readonly Dictionary<string, string> ByPattern = new(StringComparer.Ordinal)
    {
        ["GET /health/live"] = "liveness probe; answers only whether the process runs",
        ["GET /health/ready"] = "readiness probe; answers only whether storage is usable",
        ["GET /openapi/v1.json"] = "the API description; holds no data",
        ["POST /api/v1/integrations/github/webhook"] = "authenticated by the X-Hub-Signature-256 HMAC of the workspace's webhook secret",
        ["GET /login"] = "dashboard sign-in form",
        ["POST /login"] = "dashboard sign-in form post (antiforgery-protected)",
        ["GET /access-denied"] = "dashboard notice shown after a refused page; holds no data",
        ["POST /access-denied"] = "dashboard notice shown after a refused page; holds no data",
        ["GET /login/oidc"] = "starts OpenID Connect sign-in: a redirect to the configured provider (404 when none is configured)",
        ["GET /login/oidc/done"] = "static page ending the provider's redirect chain with a same-origin navigation; holds no data",
        ["GET /_framework/opaque-redirect"] = "Blazor's redirect helper for enhanced navigation; answers only a redirect it was handed",
        ["GET /{**path:file}"] = "static web assets of referenced packages (files only; content-root files are not served, see SecurityHeadersTests)",
        ["HEAD /{**path:file}"] = "static web assets of referenced packages (files only)",
    };

    /// <summary>Why the endpoint may be anonymous, or null when it may not.</summary>
    public static string? ReasonFor(RouteEndpoint endpoint, string method)
    {
        var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        if (ByPattern.TryGetValue($"{method} {pattern}", out var reason))
        {
            return reason;
        }

        // Files under wwwroot and the packages' static web assets (Radzen, Blazor's script): public by nature.
        if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null)
        {
            return "static asset";
        }

        // The Blazor circuit: every page component checks its own [Authorize] inside the circuit.
        if (pattern.StartsWith("/_blazor", StringComparison.Ordinal))
        {
            return "Blazor circuit hub; pages authorize inside it";
        }

        // gRPC's catch-all for unknown methods answers UNIMPLEMENTED and reaches no service.
        if (IsGrpcUnimplemented(endpoint))
        {
            return "gRPC UNIMPLEMENTED fallback";
        }

        return null;
    }

    /// <summary>The catch-all gRPC maps per service for methods it does not have; it inherits the service's metadata.</summary>
    public static bool IsGrpcUnimplemented(RouteEndpoint endpoint) =>
        endpoint.DisplayName?.StartsWith("gRPC - Unimplemented", StringComparison.Ordinal) == true;

    public static bool IsListed(string method, string pattern) => ByPattern.ContainsKey($"{method} {pattern}");

    public static IEnumerable<string> Listed => ByPattern.Keys;
}
