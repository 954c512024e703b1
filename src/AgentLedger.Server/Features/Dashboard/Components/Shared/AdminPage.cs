using System.Globalization;
using System.Security.Claims;
using AgentLedger.Server.Auth;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AgentLedger.Server.Features.Dashboard.Components.Shared;

/// <summary>
/// An admin page: rendered statically (no circuit), so that each change is a form post carrying the antiforgery token,
/// checked before the handler runs, and made in the name of the signed-in admin's request.
/// </summary>
public abstract class AdminPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    protected string WorkspaceId { get; private set; } = "";

    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>The signed-in admin and its request, as the audit log names them.</summary>
    protected AuditCaller Caller => AuditCaller.From(HttpContext);

    /// <summary>A form field of the post being handled ("" when absent).</summary>
    protected string Field(string name) =>
        HttpMethods.IsPost(HttpContext.Request.Method) && HttpContext.Request.HasFormContentType ? HttpContext.Request.Form[name].ToString() : "";

    /// <summary>Every value of a repeated form field (checkboxes).</summary>
    protected IReadOnlyList<string> Fields(string name) =>
        HttpMethods.IsPost(HttpContext.Request.Method) && HttpContext.Request.HasFormContentType
            ? HttpContext.Request.Form[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList()
            : [];

    protected static string Time(DateTimeOffset? at) =>
        at?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "never";

    protected override async Task OnInitializedAsync()
    {
        // A page that shows a new key's secret must not be kept by the browser or a proxy.
        HttpContext.Response.Headers.CacheControl = "no-store";
        User = (await AuthenticationState).User;
        WorkspaceId = User.GetWorkspaceId();
        await LoadAsync();
    }

    /// <summary>Reads what the page shows; runs on every request, after a form's handler has changed something too.</summary>
    protected abstract Task LoadAsync();
}
