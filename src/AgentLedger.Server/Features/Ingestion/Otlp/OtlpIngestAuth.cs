using AgentLedger.Core.Keys;
using AgentLedger.Server.Auth;
using Microsoft.AspNetCore.Authentication;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary>
/// The OTLP receivers authenticate in the handler rather than through the authorization middleware, whose
/// refusals are ProblemDetails: an OTLP exporter expects its own error shape (HTTP) or a gRPC status.
/// The key and scope rules are the same as everywhere: an API key with the <c>ingest</c> scope.
/// </summary>
internal static class OtlpIngestAuth
{
    public static async Task<OtlpAuthResult> AuthenticateAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(ApiKeyClaims.Scheme).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return new OtlpAuthResult(null, false,
                result.Failure?.Message ?? "An ingest key is required: send 'Authorization: Bearer <api key>' (see the README, 'Connect your agents').");
        }

        var user = result.Principal;
        if (!ApiKeyScopes.Allows(user.GetScopes(), ApiKeyScope.Ingest))
        {
            return new OtlpAuthResult(null, true, "The API key lacks the 'ingest' scope that OTLP export needs.");
        }

        http.User = user;
        return new OtlpAuthResult(user.GetWorkspaceId(), false, null);
    }
}
