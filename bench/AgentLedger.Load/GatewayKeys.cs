using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AgentLedger.Load;

/// <summary>
/// One gateway key per virtual developer, as a fleet is set up: named by the developer's e-mail (the gateway's
/// records carry the key's name as the actor), scope <c>gateway</c>, issued through the admin API with the tool's
/// admin key the first time the developer opens a session (before that request's clock starts).
/// </summary>
internal sealed class GatewayKeys(HttpClient http, string workspaceId, string adminKey)
{
    private readonly ConcurrentDictionary<int, Lazy<Task<string>>> _keys = new();

    public int Issued => _keys.Count;

    public Task<string> ForAsync(VirtualUser user, CancellationToken cancellationToken) =>
        _keys.GetOrAdd(user.Number, _ => new Lazy<Task<string>>(() => IssueAsync(user.Email, cancellationToken))).Value;

    private async Task<string> IssueAsync(string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/workspaces/{workspaceId}/keys")
        {
            Content = JsonContent.Create(new { name, scopes = new[] { "gateway" } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Issuing the gateway key of {name} failed with {(int)response.StatusCode} (gateway traffic needs an admin-scoped --key): {body}");
        }

        return (string?)JsonNode.Parse(body)?["token"] ?? throw new InvalidOperationException($"The key response has no token: {body}");
    }
}
