namespace Webook.Core.Storage;

internal static class StorageScopes
{
    /// <summary>The Microsoft Entra scope of Azure Storage data-plane requests (tables and blobs alike).</summary>
    public const string Default = "https://storage.azure.com/.default";
}
