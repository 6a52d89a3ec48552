; Inno Setup script: installs the one-folder build dist\Tsushin\ for the current user.
;
; No administrator rights are asked for: it installs under %LOCALAPPDATA%\Programs\Tsushin,
; adds a Start-menu shortcut, an optional desktop shortcut and an uninstaller (Settings >
; Apps). The user's data and settings live in their app-data folder, written by the app,
; and are left in place on uninstall.
;
; Built by installer\build.py, which passes the version read from gui\__init__.py:
;   ISCC.exe /DAppVersion=0.1.0 installer\tsushin.iss
; The defaults below let the script compile on its own too.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef AppFileVersion
  #define AppFileVersion "0.0.0.0"
#endif
#ifndef DistDir
  #define DistDir "..\dist\Tsushin"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist\installer"
#endif

#define AppName "Tsushin"
#define AppExe "Tsushin.exe"

[Setup]
; The AppId identifies the app to Windows for upgrades and uninstall: never change it.
AppId={{7C1B6E52-3F0A-4C8E-9A55-1D2B0E6F4A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Tsushin project
AppComments=JSON over WebSocket for Django Channels servers
VersionInfoVersion={#AppFileVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} setup
; Per-user install, no elevation, into %LOCALAPPDATA%\Programs\Tsushin. That is where
; {autopf} points in this mode on Windows, but Wine 8 cannot expand {autopf} there (it
; lacks the UserProgramFiles known folder), and CI installs the setup under Wine.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
SetupIconFile=tsushin.ico
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; A running Tsushin is closed (and restarted) by the Restart Manager on upgrade.
CloseApplications=yes
Compression=lzma2/max
SolidCompression=yes
OutputDir={#OutputDir}
OutputBaseFilename=Tsushin-{#AppVersion}-setup

; English and Japanese, both shipped with Inno Setup. The setup picks the one matching
; Windows' display language and asks only when neither does; the uninstaller speaks the
; language the setup used. /LANG=japanese forces it.
ShowLanguageDialog=auto

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries wholesale: no stale files from an older build.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
