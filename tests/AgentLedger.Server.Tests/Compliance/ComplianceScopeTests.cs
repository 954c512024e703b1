using System.Net;
using System.Text;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Compliance.Audit;
using AgentLedger.Server.Tests.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Compliance;

/// <summary>
/// Keys without a compliance scope cannot reach compliance data by any path. The paths are not listed by hand: every
/// endpoint the server maps under a compliance prefix is tried, so a new compliance endpoint is covered the day it is
/// added.
/// </summary>
public sealed class ComplianceScopeTests(ComplianceServerFixture server) : IClassFixture<ComplianceServerFixture>
{
    [Theory]
    [InlineData(ApiKeyScope.AnalyticsRead)]
    [InlineData(ApiKeyScope.Ingest)]
    [InlineData(ApiKeyScope.Ingest | ApiKeyScope.AnalyticsRead)]
    public async Task EveryCompliancePath_KeyWithoutComplianceScope_Answers403(ApiKeyScope scopes)
    {
        var ws = await server.NewWorkspaceAsync(scopes);
        var routes = ComplianceRoutes(ws.Id);

        Assert.True(routes.Count >= 11, $"only {routes.Count} compliance routes found: {string.Join(", ", routes)}");
        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            var response = await ws.Client().SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode} to a {ApiKeyScopes.Format(scopes)} key");
        }
    }

    [Fact]
    public async Task ReadPaths_ComplianceReadKey_Allowed_ExportPaths_NeedComplianceAdmin()
    {
        var ws = await server.NewWorkspaceAsync(ApiKeyScope.ComplianceRead);

        Assert.Equal(HttpStatusCode.OK, (await ws.Client().GetAsync("/api/v1/compliance/records")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ws.Client().GetAsync($"/v1/compliance/workspaces/{ws.Id}/logs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ws.Client().GetAsync("/api/v1/compliance/audit-events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ws.Client().GetAsync("/api/v1/compliance/exports")).StatusCode);
    }

    /// <summary>Every mapped endpoint on a compliance path, with route parameters filled in (the workspace's own id).</summary>
    private List<(string Method, string Path)> ComplianceRoutes(string workspaceId)
    {
        var routes = new List<(string, string)>();
        foreach (var endpoint in server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            path = path.Replace("{workspace_id}", workspaceId, StringComparison.Ordinal);
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                path = path.Replace("{" + parameter.Name + "}", "0123456789abcdef0123456789abcdef", StringComparison.Ordinal);
            }

            if (!CompliancePaths.IsCompliance(new Microsoft.AspNetCore.Http.PathString(path)))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            routes.AddRange(methods.Select(m => (m, path)));
        }

        return routes;
    }
}
