using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AgentLedger.Core.Accounts;
using AgentLedger.Server.Features.Dashboard.Accounts;
using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Security;

/// <summary>Security headers, cookie flags, CSRF on the dashboard's form posts, and keys refused anywhere but the Authorization header.</summary>
public sealed partial class HttpHardeningTests(MatrixServerFixture server) : IClassFixture<MatrixServerFixture>
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/")]
    [InlineData("/api/v1/compliance/records")]
    [InlineData("/health/live")]
    [InlineData("/does-not-exist")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path)
    {
        await server.SeedAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = path.StartsWith("/api", StringComparison.Ordinal)
            ? new AuthenticationHeaderValue("Bearer", server.Own.Keys["compliance.read"]) : null;

        var response = await client.GetAsync(path);

        var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task ComplianceAnswers_AreNotStoredByCaches()
    {
        await server.SeedAsync();

        var response = await server.Own.Client("compliance.read").GetAsync("/api/v1/compliance/records");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(server.Own.Marker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "a compliance answer may be cached");
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlyAndSameSiteStrict_AndAntiforgeryCookieSameSiteStrict()
    {
        await server.SeedAsync();
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };
        var form = await client.GetAsync("/login");
        var html = await form.Content.ReadAsStringAsync();
        var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("agentledger.antiforgery=", StringComparison.Ordinal));
        var token = Token().Match(html).Groups[1].Value;

        var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Input.Email"] = server.Own.Accounts[DashboardRole.AnalyticsViewer], ["Input.Password"] = MatrixServerFixture.Password,
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);
        var signIn = await client.SendAsync(request);
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardAuthentication.CookieName + "=", StringComparison.Ordinal));

        Assert.Contains("samesite=strict", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        // No persistent cookie: the session ends with the browser (the ticket itself expires after 8 hours).
        Assert.DoesNotContain("expires=", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefusedAndSetsNoSession()
    {
        await server.SeedAsync();
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };

        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = server.Own.Accounts[DashboardRole.Admin], ["Input.Password"] = MatrixServerFixture.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(handler.CookieContainer.GetCookies(server.BaseAddress).Cast<Cookie>(), c => c.Name == DashboardAuthentication.CookieName);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefusedAndTheSessionStays(string contentType)
    {
        await server.SeedAsync();
        using var client = await server.SignInAsync(server.Own.Accounts[DashboardRole.AnalyticsViewer]);

        var response = await client.PostAsync("/logout", new StringContent(contentType == "application/json" ? "{}" : "a=b", Encoding.UTF8, contentType));
        var overview = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("access_token")]
    [InlineData("key")]
    [InlineData("token")]
    [InlineData("authorization")]
    public async Task ApiKey_InTheQueryString_IsNotAccepted(string parameter)
    {
        await server.SeedAsync();
        var key = server.Own.Keys["admin"];
        using var client = server.Client(null);

        var records = await client.GetAsync($"/api/v1/compliance/records?{parameter}={Uri.EscapeDataString(key)}");
        var otlp = await client.PostAsync($"/v1/logs?{parameter}={Uri.EscapeDataString(key)}", new StringContent("{}", Encoding.UTF8, "application/json"));
        var analytics = await client.GetAsync($"/api/v1/analytics/workspaces/{server.Own.Id}/usage?{parameter}={Uri.EscapeDataString(key)}");

        Assert.Equal(HttpStatusCode.Unauthorized, records.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otlp.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, analytics.StatusCode);
        foreach (var response in new[] { records, otlp, analytics })
        {
            Assert.DoesNotContain(key, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ApiKey_InACookieOrOtherHeader_IsNotAccepted()
    {
        await server.SeedAsync();
        var key = server.Own.Keys["admin"];
        using var client = server.Client(null);
        var viaHeader = new HttpRequestMessage(HttpMethod.Get, "/api/v1/compliance/records");
        viaHeader.Headers.Add("X-Api-Key", key);
        var viaCookie = new HttpRequestMessage(HttpMethod.Get, "/api/v1/compliance/records");
        viaCookie.Headers.Add("Cookie", $"{DashboardAuthentication.CookieName}={key}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(viaHeader)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(viaCookie)).StatusCode);
    }

    [Theory]
    [InlineData("/appsettings.json")]
    [InlineData("/agentledger.dll")]
    [InlineData("/agentledger.deps.json")]
    [InlineData("/agentledger.staticwebassets.endpoints.json")]
    [InlineData("/..%2fappsettings.json")]
    [InlineData("/_content/..%2f..%2fappsettings.json")]
    public async Task FilesOfTheContentRoot_AreNotServed(string path)
    {
        using var client = server.Client(null);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>
    /// Every comparison of a secret, hash or signature is constant-time: a guard over the source, so that a new
    /// <c>SequenceEqual</c> or <c>==</c> on a secret fails here rather than in a timing attack.
    /// </summary>
    [Fact]
    public void SecretComparisons_InTheSource_AreConstantTime()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var offenders = new List<string>();
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (Match match in VariableTimeComparison().Matches(text))
            {
                offenders.Add($"{Path.GetRelativePath(RepositoryRoot.Path(), file)}: {match.Value}");
            }
        }

        Assert.True(offenders.Count == 0, "secrets compared in variable time:\n" + string.Join('\n', offenders));
        var keySource = File.ReadAllText(RepositoryRoot.Path("src", "AgentLedger.Core", "Keys", "ApiKeySecret.cs"));
        Assert.Contains("CryptographicOperations.FixedTimeEquals(Hash(), storedHash)", keySource, StringComparison.Ordinal);
    }

    [GeneratedRegex(""""name="__RequestVerificationToken" value="([^"]+)"""")]
    private static partial Regex Token();

    [GeneratedRegex(@"(?i)\b\w*(hash|signature|secret|digest|hmac|token)\w*\s*(\.SequenceEqual\(|==\s*\w*(hash|signature|secret|digest|hmac)|\.Equals\(\s*\w*(hash|signature|secret|digest|hmac))")]
    private static partial Regex VariableTimeComparison();
}
