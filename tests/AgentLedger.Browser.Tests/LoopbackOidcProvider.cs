using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentLedger.Browser.Tests;

/// <summary>
/// An OpenID Connect provider on loopback, written to the spec (OpenID Connect Core 1.0 and Discovery 1.0, RFC 6749 code
/// grant, RFC 7636 PKCE, RFC 7517 JWKS, RFC 7519 JWT with RS256): discovery, JWKS, an authorize page where a person picks
/// who they are, and a token endpoint that checks the client, the redirect URI, the code and the PKCE verifier before
/// issuing an ID token signed with a key generated per run. An external peer following its documented contract.
/// </summary>
public sealed class LoopbackOidcProvider : IAsyncDisposable
{
    public const string ClientId = "agentledger-dashboard";
    public const string ClientSecret = "loopback-client-secret";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Email, string[] Groups)> _people;

    private LoopbackOidcProvider(WebApplication app, Dictionary<string, (string, string[])> people)
    {
        _app = app;
        _people = people;
    }

    public Uri Issuer { get; private set; } = null!;

    /// <summary>Redirect URIs registered for the client (the relying party's callback), added once its port is known.</summary>
    public HashSet<string> RedirectUris { get; } = new(StringComparer.Ordinal);

    private int _tokenRequests;

    /// <summary>Token requests answered (successful or not), for the test to see the back channel was used.</summary>
    public int TokenRequests => _tokenRequests;

    public static async Task<LoopbackOidcProvider> StartAsync(Dictionary<string, (string Email, string[] Groups)> people)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var provider = new LoopbackOidcProvider(app, people);
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/jwks", provider.Jwks);
        app.MapGet("/authorize", provider.AuthorizePage);
        app.MapPost("/authorize", provider.AuthorizeAsync);
        app.MapPost("/token", provider.TokenAsync);
        await app.StartAsync();
        provider.Issuer = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/'));
        return provider;
    }

    private string IssuerText => Issuer.ToString().TrimEnd('/');

    private IResult Discovery() => Results.Json(new JsonObject
    {
        ["issuer"] = IssuerText,
        ["authorization_endpoint"] = IssuerText + "/authorize",
        ["token_endpoint"] = IssuerText + "/token",
        ["jwks_uri"] = IssuerText + "/jwks",
        ["response_types_supported"] = new JsonArray("code"),
        ["response_modes_supported"] = new JsonArray("query"),
        ["grant_types_supported"] = new JsonArray("authorization_code"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["scopes_supported"] = new JsonArray("openid", "profile", "email"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["claims_supported"] = new JsonArray("sub", "email", "name", "groups"),
    });

    private IResult Jwks()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = _keyId,
                ["n"] = Base64Url(parameters.Modulus!), ["e"] = Base64Url(parameters.Exponent!),
            }),
        });
    }

    /// <summary>The provider's own sign-in page: who are you? The request's parameters ride along as hidden fields.</summary>
    private IResult AuthorizePage(HttpRequest request)
    {
        if (Check(request.Query["client_id"], request.Query["redirect_uri"], request.Query["response_type"], request.Query["code_challenge_method"]) is { } error)
        {
            return Results.BadRequest(error);
        }

        var hidden = string.Concat(new[] { "client_id", "redirect_uri", "state", "nonce", "code_challenge", "scope" }
            .Select(n => $"<input type=\"hidden\" name=\"{n}\" value=\"{WebUtility.HtmlEncode(request.Query[n].ToString())}\">"));
        return Results.Content($"""
            <!DOCTYPE html><html><head><title>Loopback IdP</title></head><body>
            <form method="post" action="/authorize">{hidden}
            <label>User <input name="user" data-test="idp-user"></label><button type="submit" data-test="idp-continue">Continue</button>
            </form></body></html>
            """, "text/html");
    }

    private async Task<IResult> AuthorizeAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (Check(form["client_id"], form["redirect_uri"], "code", "S256") is { } error)
        {
            return Results.BadRequest(error);
        }

        var redirect = form["redirect_uri"].ToString();
        var state = Uri.EscapeDataString(form["state"].ToString());
        if (!_people.TryGetValue(form["user"].ToString(), out _))
        {
            return Results.Redirect($"{redirect}?error=access_denied&state={state}");
        }

        var code = Base64Url(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new PendingCode(form["user"].ToString(), redirect, form["nonce"].ToString(), form["code_challenge"].ToString());
        return Results.Redirect($"{redirect}?code={code}&state={state}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _tokenRequests);
        var form = await request.ReadFormAsync();
        var (clientId, clientSecret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        if (request.Headers.Authorization.ToString() is { } basic && basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':', 2);
            (clientId, clientSecret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        if (clientId != ClientId || clientSecret != ClientSecret)
        {
            return TokenError("invalid_client", StatusCodes.Status401Unauthorized);
        }

        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var pending)
            || pending.RedirectUri != form["redirect_uri"].ToString())
        {
            return TokenError("invalid_grant", StatusCodes.Status400BadRequest);
        }

        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (challenge != pending.CodeChallenge)
        {
            return TokenError("invalid_grant", StatusCodes.Status400BadRequest);
        }

        var (email, groups) = _people[pending.User];
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var idToken = Sign(new JsonObject
        {
            ["iss"] = IssuerText, ["sub"] = "sub-" + pending.User, ["aud"] = ClientId, ["iat"] = now, ["exp"] = now + 300,
            ["nonce"] = pending.Nonce, ["email"] = email, ["name"] = pending.User,
            ["groups"] = new JsonArray(groups.Select(g => (JsonNode?)g).ToArray()),
        });
        return Results.Json(new JsonObject
        {
            ["access_token"] = Base64Url(RandomNumberGenerator.GetBytes(24)), ["token_type"] = "Bearer", ["expires_in"] = 300, ["id_token"] = idToken,
        });
    }

    private string? Check(string? clientId, string? redirectUri, string? responseType, string? challengeMethod) =>
        clientId != ClientId ? "unknown client_id"
        : redirectUri is null || !RedirectUris.Contains(redirectUri) ? "redirect_uri is not registered"
        : responseType != "code" ? "response_type must be code"
        : challengeMethod != "S256" ? "PKCE with S256 is required"
        : null;

    private string Sign(JsonObject payload)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = _keyId };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static IResult TokenError(string error, int status) => Results.Json(new { error }, statusCode: status);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }

    private sealed record PendingCode(string User, string RedirectUri, string Nonce, string CodeChallenge);
}
