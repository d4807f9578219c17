; Inno Setup script for the Windows installer of Suanli (per-user, no admin rights).
;
; Build on Windows (this cannot be done on the Linux build machine):
;   py -3.11 -m venv build\venv-win
;   build\venv-win\Scripts\python -m pip install "tensorflow-cpu>=2.16,<2.22" ^
;       (the other dependencies of pyproject.toml) pyinstaller pyinstaller-hooks-contrib
;     or: build\venv-win\Scripts\python build_spec\bundle.py requirements cpu > build\req.txt
;         build\venv-win\Scripts\python -m pip install -r build\req.txt
;   build\venv-win\Scripts\python -m PyInstaller --noconfirm build_spec\suanli.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 build_spec\suanli.iss
; which reads dist\suanli\ (suanli.exe = the window, suanli-engine.exe = the console CLI)
; and writes dist\suanli-<version>-windows-x64-setup.exe.
; TensorFlow >= 2.11 has no native Windows GPU build: the Windows app is CPU-only
; (GPU users run the Linux build under WSL2).
; An icon: put resources\suanli.ico next to suanli.svg (e.g. made with ImageMagick:
; magick -background none resources\suanli.svg -define icon:auto-resize=256,64,48,32,16
; resources\suanli.ico); the spec and this script pick it up when it is there.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Suanli"
#define SourceDir AddBackslash(SourcePath) + "..\dist\suanli"
#define IconFile AddBackslash(SourcePath) + "..\resources\suanli.ico"

[Setup]
AppId={{5B0C7E2A-6F1D-4C8E-9A57-3D2B1E0F8A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Suanli
DefaultDirName={localappdata}\Programs\Suanli
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#SourcePath}\..\dist
OutputBaseFilename=suanli-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
LZMAUseSeparateProcess=yes
WizardStyle=modern
UninstallDisplayName={#AppName} {#AppVersion}
UninstallDisplayIcon={app}\suanli.exe
#if FileExists(IconFile)
SetupIconFile={#IconFile}
#endif
; Runs and datasets live in %LOCALAPPDATA%\suanli ($SUANLI_HOME); the uninstaller keeps them.

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add suanli-engine (the command line) to my PATH"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\suanli.exe"; Comment: "Train and profile a CNN with live plots"
Name: "{autoprograms}\{#AppName} self-test"; Filename: "{app}\suanli.exe"; Parameters: "--self-test"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\suanli.exe"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; \
    ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\suanli.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;
