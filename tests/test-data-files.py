#!/usr/bin/env python3
# test-data-files.py — checks the files that integrate Maillage with the desktop
#
# Validates the built desktop entry and AppStream metainfo, the GSettings
# schema and the shared-mime-info file with the freedesktop tools, and checks
# that the desktop entry, the metainfo, the MIME type, the icons and the
# Flatpak manifest agree with each other (application id, command, MIME type)
# and that the sandbox stays minimal. Prints TAP.
#
# Usage: test-data-files.py [--source-root DIR] [--build-root DIR] [--app-id ID]
# The roots default to $MAILLAGE_SOURCE_ROOT and $MAILLAGE_BUILD_ROOT; the
# application id and version default to those in the build root's config.h.

import argparse
import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MIME_TYPE = 'application/x-maillage'
MIME_NS = '{http://www.freedesktop.org/standards/shared-mime-info}'
SVG_NS = '{http://www.w3.org/2000/svg}'
FINISH_ARGS = ['--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri']
SYMBOLIC_COLOUR = '#2e3436'


class Skip(Exception):
    pass


class Tap:
    def __init__(self):
        self.results = []

    def run(self, name, func):
        try:
            func()
        except Skip as e:
            self.results.append(('ok', name, '# SKIP ' + str(e)))
        except AssertionError as e:
            self.results.append(('not ok', name, str(e)))
        except Exception as e:  # a crash in a check is a failure, not an abort
            self.results.append(('not ok', name, '%s: %s' % (type(e).__name__, e)))
        else:
            self.results.append(('ok', name, ''))

    def finish(self):
        print('1..%d' % len(self.results))
        failed = 0
        for i, (status, name, note) in enumerate(self.results, 1):
            if status == 'ok' and note.startswith('# SKIP'):
                print('ok %d - %s %s' % (i, name, note))
            elif status == 'ok':
                print('ok %d - %s' % (i, name))
            else:
                failed += 1
                print('not ok %d - %s' % (i, name))
                for line in note.splitlines() or ['']:
                    print('# ' + line)
        sys.stdout.flush()
        return 1 if failed else 0


def need_tool(name):
    path = shutil.which(name)
    if path is None:
        raise Skip('%s is not installed' % name)
    return path


def run_tool(argv):
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, timeout=120)
    assert proc.returncode == 0, '%s exited with %d:\n%s' % (
        ' '.join(argv), proc.returncode, proc.stdout.strip())
    return proc.stdout


def read_config_h(build_root):
    values = {}
    path = os.path.join(build_root, 'config.h')
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            for m in re.finditer(r'^#define\s+(\w+)\s+"(.*)"\s*$', f.read(), re.M):
                values[m.group(1)] = m.group(2)
    return values


def read_desktop(path):
    parser = configparser.RawConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    with open(path, encoding='utf-8') as f:
        parser.read_file(f)
    assert parser.has_section('Desktop Entry'), 'no [Desktop Entry] group'
    return parser['Desktop Entry']


def split_list(value):
    return [item for item in value.split(';') if item]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--source-root', default=os.environ.get('MAILLAGE_SOURCE_ROOT'))
    ap.add_argument('--build-root', default=os.environ.get('MAILLAGE_BUILD_ROOT'))
    ap.add_argument('--app-id')
    args = ap.parse_args()

    here = os.path.dirname(os.path.abspath(__file__))
    source_root = os.path.abspath(args.source_root or os.path.join(here, '..'))
    if not args.build_root:
        print('1..0 # SKIP no build root (set MAILLAGE_BUILD_ROOT or pass --build-root)')
        return 0
    build_root = os.path.abspath(args.build_root)

    config = read_config_h(build_root)
    app_id = args.app_id or config.get('APPLICATION_ID') or 'io.github.maillage.Maillage'
    version = config.get('PACKAGE_VERSION')

    data_src = os.path.join(source_root, 'data')
    data_build = os.path.join(build_root, 'data')
    desktop_path = os.path.join(data_build, app_id + '.desktop')
    metainfo_path = os.path.join(data_build, app_id + '.metainfo.xml')
    schema_path = os.path.join(data_src, app_id + '.gschema.xml')
    mime_path = os.path.join(data_src, app_id + '.mime.xml')
    manifest_path = os.path.join(source_root, 'flatpak', app_id + '.json')
    icon_path = os.path.join(data_src, 'icons', 'hicolor', 'scalable', 'apps', app_id + '.svg')
    symbolic_path = os.path.join(data_src, 'icons', 'hicolor', 'symbolic', 'apps',
                                 app_id + '-symbolic.svg')

    tap = Tap()
    cache = {}

    def desktop():
        if 'desktop' not in cache:
            cache['desktop'] = read_desktop(desktop_path)
        return cache['desktop']

    def metainfo():
        if 'metainfo' not in cache:
            cache['metainfo'] = ET.parse(metainfo_path).getroot()
        return cache['metainfo']

    def manifest():
        if 'manifest' not in cache:
            with open(manifest_path, encoding='utf-8') as f:
                cache['manifest'] = json.load(f)
        return cache['manifest']

    def mime():
        if 'mime' not in cache:
            root = ET.parse(mime_path).getroot()
            types = [t for t in root.findall(MIME_NS + 'mime-type') if t.get('type') == MIME_TYPE]
            assert len(types) == 1, '%s declares %s %d times' % (mime_path, MIME_TYPE, len(types))
            cache['mime'] = types[0]
        return cache['mime']

    # --- the freedesktop validators ------------------------------------------------

    def desktop_validates():
        tool = need_tool('desktop-file-validate')
        assert os.path.exists(desktop_path), 'not built: ' + desktop_path
        out = run_tool([tool, desktop_path])
        assert not out.strip(), 'desktop-file-validate complained:\n' + out
    tap.run('desktop-file-validate accepts the built desktop entry', desktop_validates)

    def metainfo_validates():
        tool = need_tool('appstreamcli')
        assert os.path.exists(metainfo_path), 'not built: ' + metainfo_path
        run_tool([tool, 'validate', '--no-net', metainfo_path])
    tap.run('appstreamcli validate --no-net accepts the built metainfo', metainfo_validates)

    def schema_compiles():
        tool = need_tool('glib-compile-schemas')
        run_tool([tool, '--strict', '--dry-run', data_src])
    tap.run('glib-compile-schemas --strict --dry-run accepts the schemas', schema_compiles)

    def schema_built():
        compiled = os.path.join(data_build, 'gschemas.compiled')
        assert os.path.exists(compiled), 'not built: ' + compiled
    tap.run('the schema is compiled into the build data directory', schema_built)

    def mime_installs():
        tool = need_tool('update-mime-database')
        with tempfile.TemporaryDirectory() as tmp:
            packages = os.path.join(tmp, 'mime', 'packages')
            os.makedirs(packages)
            shutil.copy(mime_path, packages)
            run_tool([tool, os.path.join(tmp, 'mime')])
            with open(os.path.join(tmp, 'mime', 'globs2'), encoding='utf-8') as f:
                globs = f.read()
            assert ':%s:*.maillage' % MIME_TYPE in globs, \
                'update-mime-database did not register *.maillage:\n' + globs
    tap.run('update-mime-database registers the MIME type and its glob', mime_installs)

    # --- one application id everywhere ------------------------------------------------

    def ids_agree():
        assert os.path.basename(desktop_path) == app_id + '.desktop'
        assert os.path.exists(desktop_path), 'not built: ' + desktop_path
        mid = metainfo().findtext('id')
        assert mid == app_id, 'metainfo <id> is %r, not %r' % (mid, app_id)
        launchables = [l.text for l in metainfo().findall('launchable')
                       if l.get('type') == 'desktop-id']
        assert launchables == [app_id + '.desktop'], \
            'metainfo desktop-id launchable is %r' % launchables
        fid = manifest().get('app-id') or manifest().get('id')
        assert fid == app_id, 'Flatpak app-id is %r, not %r' % (fid, app_id)
        icon = desktop().get('Icon')
        assert icon == app_id, 'desktop Icon is %r, not %r' % (icon, app_id)
    tap.run('desktop entry, metainfo, manifest and icon share the application id', ids_agree)

    def schema_matches():
        root = ET.parse(schema_path).getroot()
        assert root.get('gettext-domain') == 'maillage', 'schemalist gettext-domain is not maillage'
        schema = root.find('schema')
        assert schema is not None and schema.get('id') == app_id, 'schema id is not ' + app_id
        path = '/' + app_id.replace('.', '/') + '/'
        assert schema.get('path') == path, 'schema path is %r, not %r' % (schema.get('path'), path)
        for key in schema.findall('key'):
            for child in ('default', 'summary', 'description'):
                assert (key.findtext(child) or '').strip(), \
                    'key %s has no %s' % (key.get('name'), child)
    tap.run('the schema id and path follow the application id, every key is documented',
            schema_matches)

    def commands_agree():
        command = manifest().get('command')
        execline = desktop().get('Exec', '')
        words = execline.split()
        assert words, 'desktop entry has no Exec'
        assert words[0] == command, 'Exec runs %r, manifest command is %r' % (words[0], command)
        assert any(code in words for code in ('%f', '%F', '%u', '%U')), \
            'Exec %r takes no file argument' % execline
        binaries = [b.text for b in metainfo().findall('provides/binary')]
        assert binaries == [command], 'metainfo provides binaries %r, not [%r]' % (binaries, command)
    tap.run('manifest command, desktop Exec and metainfo binary agree', commands_agree)

    def version_released():
        if not version:
            raise Skip('no PACKAGE_VERSION in config.h')
        releases = metainfo().findall('releases/release')
        assert releases, 'metainfo has no releases'
        newest = releases[0]
        assert newest.get('version') == version, \
            'newest metainfo release is %r, project version is %r' % (newest.get('version'), version)
        assert newest.find('description') is not None, 'release %s has no description' % version
    tap.run('the newest metainfo release is the project version', version_released)

    def translation_domain():
        domains = [t.text for t in metainfo().findall('translation') if t.get('type') == 'gettext']
        assert domains == ['maillage'], 'metainfo gettext translation domains: %r' % domains
    tap.run('the metainfo names the gettext domain', translation_domain)

    # --- the MIME type ---------------------------------------------------------------

    def mime_agrees():
        types = split_list(desktop().get('MimeType', ''))
        assert MIME_TYPE in types, 'desktop MimeType is %r' % types
        provided = [m.text for m in metainfo().findall('provides/mediatype')]
        assert MIME_TYPE in provided, 'metainfo provides mediatypes %r' % provided
    tap.run('the desktop entry and the metainfo handle ' + MIME_TYPE, mime_agrees)

    def mime_declared():
        t = mime()
        globs = [g.get('pattern') for g in t.findall(MIME_NS + 'glob')]
        assert '*.maillage' in globs, 'globs are %r' % globs
        parents = [p.get('type') for p in t.findall(MIME_NS + 'sub-class-of')]
        assert 'application/json' in parents, 'sub-class-of %r' % parents
        comments = [c for c in t.findall(MIME_NS + 'comment') if c.get(
            '{http://www.w3.org/XML/1998/namespace}lang') is None]
        assert len(comments) == 1 and comments[0].text, 'no untranslated comment'
    tap.run('the MIME file declares *.maillage as a kind of JSON', mime_declared)

    # --- the Flatpak manifest -------------------------------------------------------

    def sandbox_minimal():
        finish = manifest().get('finish-args', [])
        assert finish == FINISH_ARGS, 'finish-args are %r, expected exactly %r' % (finish, FINISH_ARGS)
        assert not [a for a in finish if a.startswith(('--filesystem', '--talk-name', '--own-name',
                                                       '--socket=session-bus', '--share=network'))]
    tap.run('the Flatpak sandbox is minimal (files and printing through portals)', sandbox_minimal)

    def manifest_builds_tree():
        m = manifest()
        assert m.get('runtime') == 'org.gnome.Platform', 'runtime %r' % m.get('runtime')
        assert m.get('sdk') == 'org.gnome.Sdk', 'sdk %r' % m.get('sdk')
        modules = m.get('modules', [])
        assert modules, 'no modules'
        last = modules[-1]
        assert isinstance(last, dict) and last.get('name') == 'maillage', 'last module is not maillage'
        assert last.get('buildsystem') == 'meson', 'buildsystem %r' % last.get('buildsystem')
        assert last.get('run-tests') is True, 'run-tests is not true'
        sources = last.get('sources', [])
        assert {'type': 'dir', 'path': '..'} in sources, 'sources %r' % sources
    tap.run('the manifest builds this tree with meson and runs its tests', manifest_builds_tree)

    # --- icons --------------------------------------------------------------------------

    def icon_ok():
        assert os.path.exists(icon_path), 'missing ' + icon_path
        root = ET.parse(icon_path).getroot()
        assert root.tag == SVG_NS + 'svg', 'not an SVG: ' + icon_path
        assert root.get('viewBox', '').split() == ['0', '0', '128', '128'], \
            'viewBox is %r' % root.get('viewBox')
        assert not list(root.iter(SVG_NS + 'text')), 'the app icon contains text'
    tap.run('the scalable application icon is a 128×128 SVG', icon_ok)

    def symbolic_ok():
        assert os.path.exists(symbolic_path), 'missing ' + symbolic_path
        root = ET.parse(symbolic_path).getroot()
        assert root.tag == SVG_NS + 'svg', 'not an SVG: ' + symbolic_path
        assert root.get('viewBox', '').split() == ['0', '0', '16', '16'], \
            'viewBox is %r' % root.get('viewBox')
        for el in root.iter():
            for attr in ('fill', 'stroke'):
                value = el.get(attr)
                if value not in (None, 'none'):
                    assert value.lower() == SYMBOLIC_COLOUR, \
                        '%s %s="%s" is not %s' % (el.tag, attr, value, SYMBOLIC_COLOUR)
    tap.run('the symbolic icon is a 16×16 single-colour SVG', symbolic_ok)

    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
