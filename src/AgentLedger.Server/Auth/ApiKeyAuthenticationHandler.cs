using System.Security.Claims;
using System.Text.Encodings.Web;
using AgentLedger.Core.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer al_…</c> against the stored key hash. The key decides the workspace;
/// nothing the client sends can name another one.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IWorkspaceStore workspaces,
    ApiKeyUsageRecorder usage,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string FailureItem = "agentledger:auth_failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("The Authorization header must be 'Bearer <api key>'.");
        }

        if (!ApiKeySecret.TryParse(header["Bearer ".Length..].Trim(), out var presented))
        {
            return Fail("The bearer token is not an AgentLedger API key (expected 'al_<key id>_<secret>').");
        }

        var stored = await workspaces.FindApiKeyAsync(presented.KeyId, Context.RequestAborted).ConfigureAwait(false);
        if (stored is null || !presented.Matches(stored.SecretHash))
        {
            return Fail("The API key is not valid.");
        }

        if (stored.RevokedAt is { } revokedAt && revokedAt <= time.GetUtcNow())
        {
            return Fail("The API key has been revoked.");
        }

        usage.KeyUsed(stored.KeyId);
        var identity = new ClaimsIdentity(
            [
                new Claim(ApiKeyClaims.WorkspaceId, stored.WorkspaceId),
                new Claim(ApiKeyClaims.KeyId, stored.KeyId),
                new Claim(ApiKeyClaims.Scopes, ApiKeyScopes.Format(stored.Scopes)),
                new Claim(ClaimTypes.Name, stored.Name),
            ],
            ApiKeyClaims.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyClaims.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = Context.Items[FailureItem] as string
                     ?? "This endpoint needs an API key in 'Authorization: Bearer <api key>'.";
        await Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized")
            .ExecuteAsync(Context).ConfigureAwait(false);
    }

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureItem] = reason;
        return AuthenticateResult.Fail(reason);
    }
}
