using System.Xml.Linq;
using AgentLedger.Core.Secrets;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AgentLedger.Server.Features.Secrets;

/// <summary>
/// Keeps the Data Protection key ring in the database (<see cref="IKeyRingStore"/>), so that every instance sharing
/// it reads the same keys and can decrypt what another encrypted. <see cref="IXmlRepository"/> is synchronous: the key
/// manager calls it at start, when it creates a key (every 90 days by default), and when it meets a key it does not
/// know — never per request — so blocking on the store here is acceptable.
/// </summary>
internal sealed class DatabaseXmlRepository(Lazy<IKeyRingStore> store, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.Value.ListAsync(CancellationToken.None).GetAwaiter().GetResult().Select(xml => XElement.Parse(xml)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        store.Value.StoreAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), time.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
}
