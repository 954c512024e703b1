using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AgentLedger.Core.Accounts;
using AgentLedger.Core.Keys;
using Microsoft.AspNetCore.Routing.Patterns;

namespace AgentLedger.Server.Tests.Security;

/// <summary>
/// Every route the server maps × every kind of caller × the own and a foreign workspace. The expected answer comes from
/// what each route declares (its scope policy, <c>ChecksScopeInHandler</c>, or its entry in <see cref="AnonymousRoutes"/>);
/// a route that declares nothing fails by name. No answer may be a 5xx or carry the foreign workspace's data.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixServerFixture server) : IClassFixture<MatrixServerFixture>, IDisposable
{
    private static readonly string[] ScopeKeys = ["admin", "ingest", "analytics.read", "compliance.read", "compliance.admin", "gateway"];
    private static readonly string[] BadKeys = ["revoked", "wrong-secret"];
    private readonly HttpClient _plain = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

    [Fact]
    public async Task EveryRoute_DeclaresWhoMayCallIt()
    {
        var routes = await RouteCatalog.ReadAsync(server.Services);

        var problems = routes.Where(r => r.Access is RouteAccess.Undeclared)
            .Select(r => $"{r}: {((RouteAccess.Undeclared)r.Access).Problem}")
            .Concat(routes.Where(r => r.HasWorkspaceParameter && !r.ChecksOwnWorkspace)
                .Select(r => $"{r}: it has a {{workspace_id}} but no RequireOwnWorkspace()"))
            .Distinct().ToList();

        Assert.True(problems.Count == 0, "Routes without a valid access declaration:\n" + string.Join('\n', problems));
        Assert.Contains(routes, r => r.Access is RouteAccess.Scoped { Scope: ApiKeyScope.ComplianceRead });
        Assert.Contains(routes, r => r.IsGrpc && r.Access is RouteAccess.Scoped { Scope: ApiKeyScope.Ingest });
        Assert.Contains(routes, r => r.Access is RouteAccess.DashboardPage);
    }

    [Fact]
    public async Task AnonymousList_NamesOnlyRoutesThatExist()
    {
        var routes = await RouteCatalog.ReadAsync(server.Services);

        var stale = AnonymousRoutes.Listed.Where(entry => !routes.Any(r => r.ToString() == entry)).ToList();

        Assert.True(stale.Count == 0, "AnonymousRoutes lists routes the server no longer maps: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task ApiKeys_OfEveryScope_GetTheDeclaredAnswerOnEveryRoute()
    {
        await server.SeedAsync();
        var routes = (await RouteCatalog.ReadAsync(server.Services)).Where(r => r.Access is not RouteAccess.Undeclared).ToList();
        var failures = new List<string>();
        var ownMarkerSeen = 0;

        foreach (var route in routes)
        {
            var ownStatus = new Dictionary<string, int>();
            foreach (var workspace in route.HasWorkspaceParameter ? new[] { server.Own, server.Foreign } : [server.Own])
            {
                foreach (var caller in new string?[] { null, "malformed" }.Concat(BadKeys).Concat(ScopeKeys))
                {
                    var key = caller switch
                    {
                        null => null,
                        "malformed" => "al_not-a-key",
                        _ => server.Own.Keys[caller],
                    };
                    var answer = await SendAsync(route, workspace.Id, key, cookies: null);
                    var expected = Expect(route, caller, workspace == server.Foreign);
                    Check(failures, route, $"key {caller ?? "(none)"} on the {(workspace == server.Own ? "own" : "foreign")} workspace", answer, expected,
                        ownStatus.GetValueOrDefault(caller ?? ""));
                    ownStatus[caller ?? ""] = answer.Status;
                    ownMarkerSeen += answer.Body.Contains(server.Own.Marker, StringComparison.Ordinal) ? 1 : 0;
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} answers differ from the routes' declarations:\n" + string.Join('\n', failures));
        // The data check can fail: the own workspace's marker does come back where a key may read it.
        Assert.True(ownMarkerSeen > 0, "no answer carried the own workspace's data; the foreign-data check proves nothing");
        // The foreign workspace's keys survived every DELETE the own keys sent with the foreign key id.
        Assert.Equal(HttpStatusCode.OK, (await server.Foreign.Client("admin").GetAsync($"/api/v1/workspaces/{server.Foreign.Id}/keys")).StatusCode);
    }

    [Fact]
    public async Task DashboardRoles_GetTheDeclaredAnswerOnEveryRoute()
    {
        await server.SeedAsync();
        // Sign-out last, so that it cannot end the session the other routes are called with.
        var routes = (await RouteCatalog.ReadAsync(server.Services)).Where(r => r.Access is not RouteAccess.Undeclared && !r.IsGrpc)
            .OrderBy(r => r.Pattern.Contains("logout", StringComparison.Ordinal)).ToList();
        var failures = new List<string>();

        foreach (var role in new[] { DashboardRole.Admin, DashboardRole.AnalyticsViewer, DashboardRole.ComplianceAuditor })
        {
            using var client = await server.SignInAsync(server.Own.Accounts[role]);
            foreach (var route in routes)
            {
                var ownStatus = 0;
                foreach (var workspace in route.HasWorkspaceParameter ? new[] { server.Own, server.Foreign } : [server.Own])
                {
                    var answer = await SendAsync(route, workspace.Id, key: null, client);
                    Check(failures, route, $"dashboard {DashboardRoles.Format(role)} on the {(workspace == server.Own ? "own" : "foreign")} workspace",
                        answer, ExpectCookie(route, role, workspace == server.Foreign), ownStatus);
                    ownStatus = answer.Status;
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} answers differ from the routes' declarations:\n" + string.Join('\n', failures));
    }

    /// <summary>The declared answer for an API key (or none) of the own workspace.</summary>
    private static Expected Expect(CatalogRoute route, string? caller, bool foreign) => route.Access switch
    {
        RouteAccess.Anonymous => Expected.AnyNonError,
        RouteAccess.DashboardPage => Expected.SignIn,
        RouteAccess.Scoped scoped when caller is null => scoped.AcceptsDashboardCookie && !route.IsApiPath ? Expected.SignIn : Expected.Unauthenticated,
        RouteAccess.Scoped when !ScopeKeys.Contains(caller) => Expected.Unauthenticated,
        RouteAccess.Scoped scoped when !ApiKeyScopes.Allows(ApiKeyScopes.Parse(caller), scoped.Scope) => Expected.Forbidden,
        RouteAccess.Scoped when foreign => Expected.NotFound,
        _ => Expected.Allowed,
    };

    /// <summary>The declared answer for a signed-in dashboard account of the own workspace.</summary>
    private static Expected ExpectCookie(CatalogRoute route, DashboardRole role, bool foreign) => route.Access switch
    {
        RouteAccess.Anonymous => Expected.AnyNonError,
        RouteAccess.DashboardPage page => ApiKeyScopes.Allows(DashboardRoles.ScopesOf(role), page.Scope) ? Expected.Allowed : Expected.AccessDenied,
        RouteAccess.Scoped { AcceptsDashboardCookie: false } => Expected.Unauthenticated,
        RouteAccess.Scoped scoped when !ApiKeyScopes.Allows(DashboardRoles.ScopesOf(role), scoped.Scope) => route.IsApiPath ? Expected.Forbidden : Expected.AccessDenied,
        RouteAccess.Scoped when foreign => Expected.NotFound,
        _ => Expected.Allowed,
    };

    /// <param name="ownStatus">The answer to the same request on the own workspace: a foreign workspace may get the same
    /// 4xx when the request is refused before the workspace is looked at (a body that does not bind), which reveals nothing.</param>
    private void Check(List<string> failures, CatalogRoute route, string who, Answer answer, Expected expected, int ownStatus)
    {
        var ok = expected switch
        {
            Expected.Unauthenticated => answer.Status == 401,
            Expected.SignIn => answer.Status == 401 || (answer.Status == 302 && answer.Location.StartsWith("/login", StringComparison.Ordinal)),
            Expected.Forbidden => answer.Status == 403,
            Expected.AccessDenied => answer.Status == 403 || (answer.Status == 302 && answer.Location.StartsWith("/access-denied", StringComparison.Ordinal)),
            Expected.NotFound => answer.Status == 404 || (answer.Status is >= 400 and < 500 && answer.Status == ownStatus),
            // A gateway call let through reaches the upstream step; the matrix server configures no provider, so the
            // gateway's own 502 "no … provider key is configured" is the proof that authentication and the scope check passed.
            _ => answer.Status is not (401 or 403)
                 && (answer.Status < 500 || (route.Pattern.StartsWith("/gateway/", StringComparison.Ordinal) && answer.Status == 502
                                             && answer.Body.Contains("provider key is configured for workspace", StringComparison.Ordinal))),
        };
        if (expected == Expected.AnyNonError)
        {
            ok = answer.Status < 500;
        }

        if (!ok)
        {
            failures.Add($"{route} as {who}: expected {expected}, got {answer.Status} {answer.Location} {Truncate(answer.Body)}");
        }

        if (answer.Body.Contains(server.Foreign.Marker, StringComparison.Ordinal))
        {
            failures.Add($"{route} as {who}: the answer holds the foreign workspace's data");
        }
    }

    private async Task<Answer> SendAsync(CatalogRoute route, string workspaceId, string? key, HttpClient? cookies)
    {
        if (route.IsGrpc)
        {
            return await SendGrpcAsync(route, key);
        }

        var request = new HttpRequestMessage(new HttpMethod(route.Method), PathOf(route, workspaceId));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (route.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await (cookies ?? _plain).SendAsync(request);
        return new Answer((int)response.StatusCode, response.Headers.Location?.OriginalString is { } location ? new Uri(server.BaseAddress, location).PathAndQuery : "",
            await response.Content.ReadAsStringAsync());
    }

    /// <summary>A gRPC call with an empty message over HTTP/2 to the gRPC port; its grpc-status mapped to the HTTP answer it stands for.</summary>
    private async Task<Answer> SendGrpcAsync(CatalogRoute route, string? key)
    {
        using var client = new HttpClient { BaseAddress = server.GrpcAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, route.Pattern)
        {
            Content = new ByteArrayContent(new byte[5]), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.First()
            : response.Headers.TryGetValues("grpc-status", out var headerValues) ? headerValues.First() : null;
        var mapped = status switch
        {
            "0" => 200,
            "16" => 401,
            "7" => 403,
            "5" => 404,
            "3" or "12" => 400,
            "8" => 429,
            null => (int)response.StatusCode,
            _ => 500,
        };
        return new Answer(mapped, "", body + " grpc-status " + status);
    }

    private string PathOf(CatalogRoute route, string workspaceId)
    {
        var path = new StringBuilder();
        foreach (var segment in route.Endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { Name: "workspace_id" } => workspaceId,
                    RoutePatternParameterPart parameter => ValueFor(parameter),
                    _ => "",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private string ValueFor(RoutePatternParameterPart parameter)
    {
        if (server.ForeignRouteValues.TryGetValue(parameter.Name, out var value))
        {
            return Uri.EscapeDataString(value);
        }

        var constraint = string.Join(',', parameter.ParameterPolicies.Select(p => p.Content));
        return constraint switch
        {
            _ when constraint.Contains("int", StringComparison.Ordinal) || constraint.Contains("long", StringComparison.Ordinal) => "1",
            _ when constraint.Contains("guid", StringComparison.Ordinal) => Guid.Empty.ToString(),
            _ => "x1",
        };
    }

    public void Dispose() => _plain.Dispose();

    private static string Truncate(string body) => body.Length > 200 ? body[..200] + "…" : body;

    private enum Expected
    {
        Allowed,
        AnyNonError,
        Unauthenticated,
        SignIn,
        Forbidden,
        AccessDenied,
        NotFound,
    }

    private sealed record Answer(int Status, string Location, string Body);
}
