using AgentLedger.Core.Gateway;
using AgentLedger.Core.Keys;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Gateway;

/// <summary>Checks the <c>Gateway</c> section at start and lists every problem with its configuration key.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    private static readonly string[] Providers = [.. Enum.GetValues<GatewayProvider>().Select(GatewayApis.WireName)];

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        List<string> errors = [];
        const string s = GatewayOptions.SectionName;
        if (!Enum.IsDefined(options.Accounting))
        {
            errors.Add($"{s}:Accounting must be Telemetry or Gateway.");
        }

        if (options.MaxRequestBodyBytes < 1024)
        {
            errors.Add($"{s}:MaxRequestBodyBytes is {options.MaxRequestBodyBytes}; it must be at least 1024.");
        }

        if (options.MaxResponseBytes < 1024)
        {
            errors.Add($"{s}:MaxResponseBytes is {options.MaxResponseBytes}; it must be at least 1024.");
        }

        foreach (var (key, value) in new[] { ("ResponseTimeout", options.ResponseTimeout), ("StreamIdleTimeout", options.StreamIdleTimeout), ("ConnectTimeout", options.ConnectTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{s}:{key} is {value}; it must be more than 0.");
            }
        }

        CheckUpstreams(errors, $"{s}:Upstreams", options.Upstreams);
        foreach (var (workspaceId, workspace) in options.Workspaces)
        {
            var key = $"{s}:Workspaces:{workspaceId}";
            if (!WorkspaceIds.IsValid(workspaceId))
            {
                errors.Add($"{key}: '{workspaceId}' is not a workspace id ({WorkspaceIds.Rule}).");
            }

            if (workspace.Accounting is { } accounting && !Enum.IsDefined(accounting))
            {
                errors.Add($"{key}:Accounting must be Telemetry or Gateway.");
            }

            CheckUpstreams(errors, $"{key}:Upstreams", workspace.Upstreams);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUpstreams(List<string> errors, string key, Dictionary<string, GatewayUpstreamOptions> upstreams)
    {
        foreach (var (provider, upstream) in upstreams)
        {
            if (!Providers.Contains(provider, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{key}:{provider} names no provider; known providers: {string.Join(", ", Providers)}.");
            }

            if (upstream.BaseUrl is { } url
                && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(uri.Query)))
            {
                errors.Add($"{key}:{provider}:BaseUrl '{url}' is not an absolute http(s) URL without a query.");
            }
        }
    }
}
