/* Test-only shim for Wine 8, which lacks bcryptprimitives.dll (Windows 8 and newer have it).
 *
 * Rust's standard library takes its random numbers from ProcessPrng() in that DLL, so
 * cryptography's _rust.pyd (imported by autobahn, thus by daphne) does not load under
 * Wine 8. This ProcessPrng() fills the buffer from RtlGenRandom (advapi32's
 * SystemFunction036), which Wine has.
 *
 * Built by installer/wine_build.sh into the Wine prefix's system32 only: it is never
 * part of the app or the installer (real Windows has the real DLL).
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
