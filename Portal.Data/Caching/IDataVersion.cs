namespace Portal.Data.Caching;

/// <summary>
/// Whether anything in the database may have changed since a value was read. A cached value is served only while the
/// version it was read under is still <see cref="Current"/>; a version that is never the same twice turns caching off.
/// SQLite: <see cref="DataVersion"/> (the file's own counter). PostgreSQL: <see cref="NotifiedDataVersion"/> (bumped by
/// the notifications every commit sends, on any node).
/// </summary>
internal interface IDataVersion
{
    long Current();
}
