/*
 * files.js: chooseImage and the file APIs (saveFile, getSavedFileList, getSavedFileInfo,
 * removeSavedFile, getFileInfo). The host carries them out inside the sandbox.
 */
shim.defineApi('chooseImage', {
  family: 'media',
  params: [['count', 'number', false], ['sizeType', 'stringArray', false], ['sourceType', 'stringArray', false]]
});

shim.defineApi('saveFile', { family: 'files', params: [['tempFilePath', 'nonEmptyString', true]] });
shim.defineApi('getSavedFileList', { family: 'files', params: [] });
shim.defineApi('getSavedFileInfo', { family: 'files', params: [['filePath', 'nonEmptyString', true]] });
shim.defineApi('removeSavedFile', { family: 'files', params: [['filePath', 'nonEmptyString', true]] });
shim.defineApi('getFileInfo', {
  family: 'files',
  params: [['filePath', 'nonEmptyString', true], ['digestAlgorithm', 'string', false]],
  prepare: function (params) {
    if (params.digestAlgorithm !== undefined && params.digestAlgorithm !== 'md5' && params.digestAlgorithm !== 'sha1') {
      return "parameter error: digestAlgorithm must be 'md5' or 'sha1'";
    }
    return null;
  }
});
