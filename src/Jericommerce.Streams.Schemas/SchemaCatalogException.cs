namespace Jericommerce.Streams.Schemas;

/// <summary>The schema directory is unusable: a missing or broken catalog or schema file.</summary>
public sealed class SchemaCatalogException : Exception
{
    public SchemaCatalogException()
    {
    }

    public SchemaCatalogException(string message)
        : base(message)
    {
    }

    public SchemaCatalogException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SchemaCatalogException(string filePath, string message, Exception? innerException = null)
        : base($"{filePath}: {message}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file at fault, when there is one.</summary>
    public string? FilePath { get; }
}
